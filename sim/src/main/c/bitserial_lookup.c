/*
 * The bitserial layer by table lookups, on AVX-512 VBMI: the same results as the generic loops of
 * bitserial_kernel.c (and so as the DJL path), bit for bit, several times faster.
 *
 * With 1-bit DACs a column count is sum over rows of digit (0 or 1) * cell level. Six rows' digits form a 6-bit
 * index; a 64-entry table per (column, group of six rows) holds the sum of the cells the index selects. One vpermb
 * looks up 64 lanes at once, so one instruction does six rows of 64 column counts (the generic loops: one row of
 * 16). Lanes are output pixels of a batch of images, flattened, so small maps and linear layers fill them too.
 * Table entries are small integers: the byte sums are exact while they stay below 256 (14 groups at 2-bit cells),
 * then they are widened. Counts are exact integers like the generic loops'; the ADC is the same float operations
 * (count * inv, clamp, round half to even by 1.5 * 2^23), its level read off the rounded float's bits; the
 * recombination sum q * (+-2^e) is an exact integer (checked to fit int32), and everything after it is the same
 * float operation in the same order. Compiled with -ffp-contract=off like bitserial_kernel.c.
 *
 * Runs where every tile has 1-bit DACs, inputs of at most 8 bits and cell levels below 43 (checked by
 * bitserial_lookup_supported); other tiles run on the generic loops.
 */
#include "bitserial.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <math.h>

#define FAST __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi")))
#define LB 64         /* lanes per block: bytes in a zmm */
#define GROUP 6       /* rows per lookup: vpermb's 6-bit index */
#define BATCH_LANES 512 /* lanes per batch of images: enough that small maps waste few */

/* One tile's lookup tables and recombination weights. */
typedef struct {
    int rows, groupsR, columns, chunk; /* groupsR = ceil(rows / GROUP); chunk: groups whose byte sums stay < 256 */
    uint8_t *tables;                   /* (columns, groupsR, 64): entry e = sum of the cells of the rows set in e */
    int *exponent;                     /* (cycles, groups): coef = sign * 2^exponent */
    int *negative;
} LookupTile;

static int power_of_two(double c, int *exponent) {
    double a = fabs(c);
    if (!(a >= 1.0) || a > 1073741824.0) {
        return 0;
    }
    int e = ilogb(a);
    *exponent = e;
    return ldexp(1.0, e) == a;
}

/* The largest cell level of tile t, or -1 when some level is not an integer in 0..127. */
static int max_cell(const Geometry *g, const SerialTile *t) {
    int rows = t->nci * g->k * g->k, columns = t->groups * t->nco, m = 0;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
            float w = t->weights[(size_t)r * t->colPad + c];
            if (!(w >= 0.0f && w <= 127.0f) || w != (float)(int)w) {
                return -1;
            }
            m = (int)w > m ? (int)w : m;
        }
    }
    return m;
}

int bitserial_lookup_cpu(void) {
    static int cpu = -1;
    if (cpu < 0) {
        __builtin_cpu_init();
        cpu = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
                && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi");
    }
    return cpu;
}

int bitserial_lookup_supported(const Geometry *g, const SerialTile *tiles, int count) {
    if (!bitserial_lookup_cpu()) {
        return 0;
    }
    for (int j = 0; j < count; j++) {
        const SerialTile *t = &tiles[j];
        int rows = t->nci * g->k * g->k;
        int cell = max_cell(g, t);
        if (t->noisy || t->dacBits != 1 || t->cycles < 1 || t->cycles > 8 || t->inputBits > 8 || cell < 0
                || GROUP * cell > 255 || rows * cell >= 32768 || t->hi > 255.0f
                || (t->twosComplement ? t->inputBits < 1 : t->lo < 0.0f)) {
            return 0;
        }
        /* the recombination must stay an exact int32, and the ADC's rounding trick needs levels below 2^22 */
        double top = t->lossless ? (double)rows * cell : t->adcMax, sum = 0;
        for (int i = 0; i < t->cycles * t->groups; i++) {
            int e;
            if (!power_of_two(t->coef[i], &e)) {
                return 0;
            }
            sum += ldexp(1.0, e);
        }
        if (top * sum > 2147483647.0 || (!t->lossless && !(t->adcMax < 4194304.0f && t->adcInv > 0.0f))) {
            return 0;
        }
    }
    return 1;
}

static int lookup_tile(const Geometry *g, const SerialTile *t, LookupTile *lt) {
    int rows = t->nci * g->k * g->k;
    lt->rows = rows;
    lt->groupsR = (rows + GROUP - 1) / GROUP;
    lt->columns = t->groups * t->nco;
    int cell = max_cell(g, t);
    lt->chunk = cell == 0 ? lt->groupsR : 255 / (GROUP * cell);
    size_t size = (size_t)lt->columns * lt->groupsR * LB;
    lt->tables = aligned_alloc(64, size == 0 ? 64 : (size + 63) / 64 * 64);
    lt->exponent = malloc(sizeof(int) * (size_t)t->cycles * t->groups);
    lt->negative = malloc(sizeof(int) * (size_t)t->cycles * t->groups);
    if (lt->tables == NULL || lt->exponent == NULL || lt->negative == NULL) {
        return -1;
    }
    for (int c = 0; c < lt->columns; c++) {
        for (int gr = 0; gr < lt->groupsR; gr++) {
            uint8_t *table = lt->tables + ((size_t)c * lt->groupsR + gr) * LB;
            table[0] = 0;
            for (int e = 1; e < LB; e++) {
                int bit = __builtin_ctz(e), r = gr * GROUP + bit;
                int level = r < rows ? (int)t->weights[(size_t)r * t->colPad + c] : 0;
                table[e] = (uint8_t)(table[e & (e - 1)] + level);
            }
        }
    }
    for (int i = 0; i < t->cycles * t->groups; i++) {
        power_of_two(t->coef[i], &lt->exponent[i]);
        lt->negative[i] = t->coef[i] < 0;
    }
    return 0;
}

/* The tile's DAC levels of images n0..n0+ni-1 as bytes, zero-padded (ni, nci, H + 2 pad, W + 2 pad); negative
 * levels wrapped to two's complement. The same float operations as dac_levels. */
FAST
static void byte_levels(const Geometry *g, const SerialTile *t, const float *x, int n0, int ni, uint8_t *slab) {
    int hp = g->H + 2 * g->pad, wp = g->W + 2 * g->pad;
    size_t image = (size_t)t->nci * hp * wp, inImage = (size_t)g->C * g->H * g->W;
    int wrap = t->twosComplement ? 1 << t->inputBits : 0;
    memset(slab, 0, image * ni);
    for (int i = 0; i < ni; i++) {
        for (int ci = 0; ci < t->nci; ci++) {
            const float *plane = x + (size_t)(n0 + i) * inImage + (size_t)(t->ci0 + ci) * g->H * g->W;
            for (int y = 0; y < g->H; y++) {
                uint8_t *dst = slab + i * image + ((size_t)ci * hp + y + g->pad) * wp + g->pad;
                const float *src = plane + (size_t)y * g->W;
                for (int k = 0; k < g->W; k++) {
                    float v = src[k] * t->inv;
                    v = v < t->lo ? t->lo : v;
                    v = v > t->hi ? t->hi : v;
                    int level = (int)((v + MAGIC) - MAGIC);
                    dst[k] = (uint8_t)(level < 0 ? level + wrap : level);
                }
            }
        }
    }
}

/*
 * column (rows, 64): the levels of block b's lanes for every tile row; lanes past the batch stay 0.
 * Lane L = image * P + pixel; each run of lanes on one output row reads one strided run of the slab.
 */
FAST
static void gather_block(const Geometry *g, int rows, const uint8_t *slab, size_t slabImage, int lanes, int b,
                         const int *row, uint8_t *column) {
    int P = g->OH * g->OW, wp = g->W + 2 * g->pad, s = g->stride;
    memset(column, 0, (size_t)rows * LB);
    __m512i stride = _mm512_setzero_si512();
    if (s > 1) {
        uint8_t idx[LB];
        for (int i = 0; i < LB; i++) {
            idx[i] = (uint8_t)((i * s) & 63);
        }
        stride = _mm512_loadu_si512(idx);
    }
    int most = s > 1 ? (LB - 1) / s + 1 : LB; /* lanes whose source bytes fit one 64-byte load */
    for (int l = 0; l < LB;) {
        int L = b * LB + l;
        if (L >= lanes) {
            break;
        }
        int n = L / P, p = L % P, oy = p / g->OW, ox = p % g->OW;
        int len = g->OW - ox;
        len = len < LB - l ? len : LB - l;
        len = len < lanes - L ? len : lanes - L;
        len = len < most ? len : most;
        const uint8_t *base = slab + n * slabImage + (size_t)oy * s * wp + (size_t)ox * s;
        __mmask64 store = len == 64 ? ~0ULL : (1ULL << len) - 1;
        int span = (len - 1) * s + 1;
        __mmask64 load = span == 64 ? ~0ULL : (1ULL << span) - 1;
        for (int r = 0; r < rows; r++) {
            __m512i v = _mm512_maskz_loadu_epi8(load, base + row[r]);
            if (s > 1) {
                v = _mm512_permutexvar_epi8(stride, v);
            }
            _mm512_mask_storeu_epi8(column + (size_t)r * LB + l, store, v);
        }
        l += len;
    }
}

/* index (cycles, groupsR, 64): bit i of lane l = digit z (bit z) of row (group * 6 + i)'s level in lane l */
FAST
static void digit_indices(int rows, int cycles, const uint8_t *column, uint8_t *index) {
    int groupsR = (rows + GROUP - 1) / GROUP;
    for (int gr = 0; gr < groupsR; gr++) {
        __m512i acc[8];
        for (int z = 0; z < 8; z++) {
            acc[z] = _mm512_setzero_si512();
        }
        int n = rows - gr * GROUP < GROUP ? rows - gr * GROUP : GROUP;
        for (int i = 0; i < n; i++) {
            __m512i v = _mm512_load_si512(column + (size_t)(gr * GROUP + i) * LB);
            __m512i bit = _mm512_set1_epi8((char)(1 << i));
            for (int z = 0; z < cycles; z++) {
                /* 16-bit shifts: bit i of each byte still comes from its own byte (z, i < 8) */
                __m512i m = i >= z ? _mm512_sll_epi16(v, _mm_cvtsi32_si128(i - z))
                                   : _mm512_srl_epi16(v, _mm_cvtsi32_si128(z - i));
                acc[z] = _mm512_ternarylogic_epi32(acc[z], m, bit, 0xF8); /* acc | (m & bit) */
            }
        }
        for (int z = 0; z < cycles; z++) {
            _mm512_store_si512(index + ((size_t)z * groupsR + gr) * LB, acc[z]);
        }
    }
}

/* The ADC parameters of one tile, as vectors. */
typedef struct {
    __m512 inv, top, magic;
    __m512i magicBits, edge, one;
} Adc;

/*
 * 64 lanes' counts (lo: lanes 0..31, hi: 32..63, 16-bit) go through the ADC and are added to y with weight
 * (+-2^exponent); saturations are counted per lane in satv.
 */
FAST static inline __attribute__((always_inline)) void convert(const Adc *adc, __m512i lo, __m512i hi, int exponent,
                                                              int negative, __m512i *y, __m512i *satv,
                                                              const int lossless, const int counting) {
    if (counting) {
        *satv = _mm512_mask_add_epi16(*satv, _mm512_cmpgt_epu16_mask(lo, adc->edge), *satv, adc->one);
        *satv = _mm512_mask_add_epi16(*satv, _mm512_cmpgt_epu16_mask(hi, adc->edge), *satv, adc->one);
    }
    __m128i shift = _mm_cvtsi32_si128(exponent);
    for (int q = 0; q < 4; q++) {
        /* lanes 16q..16q+15: the halves of lo, then of hi */
        __m256i half = q == 0 ? _mm512_castsi512_si256(lo)
                     : q == 1 ? _mm512_extracti64x4_epi64(lo, 1)
                     : q == 2 ? _mm512_castsi512_si256(hi)
                              : _mm512_extracti64x4_epi64(hi, 1);
        __m512i level = _mm512_cvtepu16_epi32(half);
        if (!lossless) {
            /* counts are >= 0: scale, clamp to the top level, round half to even */
            __m512 v = _mm512_min_ps(_mm512_mul_ps(_mm512_cvtepi32_ps(level), adc->inv), adc->top);
            level = _mm512_sub_epi32(_mm512_castps_si512(_mm512_add_ps(v, adc->magic)), adc->magicBits);
        }
        __m512i term = _mm512_sll_epi32(level, shift);
        y[q] = negative ? _mm512_sub_epi32(y[q], term) : _mm512_add_epi32(y[q], term);
    }
}

/*
 * Block b of tile t: for each output channel o, y[o] (64 int32 lanes) = sum over cycles z and groups of
 * (+-2^e) * ADC(count[z][group][o]), the counts looked up from index; into yacc (nco, lanesPad). Two groups of
 * one channel share each index load. Inlined with constant lossless and counting, so each variant has no branch
 * in its inner loop.
 */
FAST static inline __attribute__((always_inline)) void channels(const SerialTile *t, const LookupTile *lt,
                                                           const uint8_t *index, int b, int lanesPad,
                                                           int32_t *yacc, int64_t *saturated, const int lossless,
                                                           const int counting) {
    int groupsR = lt->groupsR;
    /* an integer count exceeds the float edge exactly when it exceeds floor(edge) */
    float e = t->adcEdge;
    Adc adc = {_mm512_set1_ps(t->adcInv), _mm512_set1_ps(t->adcMax), _mm512_set1_ps(MAGIC),
               _mm512_set1_epi32(0x4B400000) /* bits of 1.5 * 2^23 */,
               _mm512_set1_epi16((short)(e >= 32767.0f ? 32767 : (int)e)), _mm512_set1_epi16(1)};
    int64_t sat = 0;
    for (int o = 0; o < t->nco; o++) {
        __m512i y[4] = {_mm512_setzero_si512(), _mm512_setzero_si512(), _mm512_setzero_si512(),
                        _mm512_setzero_si512()};
        __m512i satv = _mm512_setzero_si512(); /* per 16-bit lane: at most cycles * groups * 2 < 2^15 */
        for (int group = 0; group < t->groups; group += 2) {
            int pair = group + 1 < t->groups;
            const uint8_t *ta = lt->tables + ((size_t)(group * t->nco + o) * groupsR) * LB;
            const uint8_t *tb = pair ? ta + (size_t)t->nco * groupsR * LB : ta;
            for (int z = 0; z < t->cycles; z++) {
                const uint8_t *idx = index + (size_t)z * groupsR * LB;
                __m512i loA = _mm512_setzero_si512(), hiA = loA, loB = loA, hiB = loA;
                for (int g0 = 0; g0 < groupsR; g0 += lt->chunk) {
                    int g1 = g0 + lt->chunk < groupsR ? g0 + lt->chunk : groupsR;
                    __m512i sumA = _mm512_setzero_si512(), sumB = sumA;
                    for (int gr = g0; gr < g1; gr++) {
                        __m512i x = _mm512_load_si512(idx + (size_t)gr * LB);
                        sumA = _mm512_add_epi8(sumA, _mm512_permutexvar_epi8(x,
                                _mm512_load_si512(ta + (size_t)gr * LB)));
                        sumB = _mm512_add_epi8(sumB, _mm512_permutexvar_epi8(x,
                                _mm512_load_si512(tb + (size_t)gr * LB)));
                    }
                    loA = _mm512_add_epi16(loA, _mm512_cvtepu8_epi16(_mm512_castsi512_si256(sumA)));
                    hiA = _mm512_add_epi16(hiA, _mm512_cvtepu8_epi16(_mm512_extracti64x4_epi64(sumA, 1)));
                    loB = _mm512_add_epi16(loB, _mm512_cvtepu8_epi16(_mm512_castsi512_si256(sumB)));
                    hiB = _mm512_add_epi16(hiB, _mm512_cvtepu8_epi16(_mm512_extracti64x4_epi64(sumB, 1)));
                }
                int k = z * t->groups + group;
                convert(&adc, loA, hiA, lt->exponent[k], lt->negative[k], y, &satv, lossless, counting);
                if (pair) {
                    convert(&adc, loB, hiB, lt->exponent[k + 1], lt->negative[k + 1], y, &satv, lossless, counting);
                }
            }
        }
        if (counting) {
            sat += _mm512_reduce_add_epi32(_mm512_madd_epi16(satv, adc.one));
        }
        int32_t *dst = yacc + (size_t)o * lanesPad + (size_t)b * LB;
        for (int q = 0; q < 4; q++) {
            _mm512_store_si512(dst + 16 * q, y[q]);
        }
    }
    if (counting) {
        *saturated += sat;
    }
}

FAST
static void block_channels(const SerialTile *t, const LookupTile *lt, const uint8_t *index, int b, int lanesPad,
                           int32_t *yacc, int64_t *saturated) {
    if (t->lossless) {
        channels(t, lt, index, b, lanesPad, yacc, NULL, 1, 0);
    } else if (saturated == NULL) {
        channels(t, lt, index, b, lanesPad, yacc, NULL, 0, 0);
    } else {
        channels(t, lt, index, b, lanesPad, yacc, saturated, 0, 1);
    }
}

FAST
int bitserial_lookup_run(const Geometry *g, const SerialTile *tiles, int count, const float *bias, const float *x,
                         float *out, int from, int to, const int *pixel, const int *row, int64_t *clipped) {
    (void)pixel;
    int P = g->OH * g->OW, kk = g->k * g->k;
    int hp = g->H + 2 * g->pad, wp = g->W + 2 * g->pad;
    int batch = (BATCH_LANES + P - 1) / P;
    batch = batch < to - from ? batch : to - from;
    batch = batch < 1 ? 1 : batch;
    size_t lanesPad = ((size_t)batch * P + LB - 1) / LB * LB;
    int maxRows = 1, maxNci = 1, maxNco = 1, maxCycles = 1;
    for (int j = 0; j < count; j++) {
        int rows = tiles[j].nci * kk;
        maxRows = rows > maxRows ? rows : maxRows;
        maxNci = tiles[j].nci > maxNci ? tiles[j].nci : maxNci;
        maxNco = tiles[j].nco > maxNco ? tiles[j].nco : maxNco;
        maxCycles = tiles[j].cycles > maxCycles ? tiles[j].cycles : maxCycles;
    }
    int maxGroups = (maxRows + GROUP - 1) / GROUP;
    size_t slabImage = (size_t)maxNci * hp * wp;
    LookupTile *lts = calloc((size_t)count + 1, sizeof(LookupTile));
    /* slack after the slab: a run's 64-byte masked load may reach past it (masked lanes are not read) */
    uint8_t *slab = aligned_alloc(64, (slabImage * batch + 2 * LB + 63) / 64 * 64);
    uint8_t *column = aligned_alloc(64, (size_t)maxRows * LB);
    uint8_t *index = aligned_alloc(64, (size_t)8 * maxGroups * LB);
    int32_t *yacc = aligned_alloc(64, sizeof(int32_t) * (size_t)maxNco * lanesPad);
    float *y = aligned_alloc(64, sizeof(float) * (size_t)g->cout * lanesPad);
    float *rowSums = aligned_alloc(64, sizeof(float) * lanesPad);
    int status = lts == NULL || slab == NULL || column == NULL || index == NULL || yacc == NULL || y == NULL
            || rowSums == NULL ? -1 : 0;
    for (int j = 0; status == 0 && j < count; j++) {
        status = lookup_tile(g, &tiles[j], &lts[j]);
    }
    for (int n0 = from; status == 0 && n0 < to; n0 += batch) {
        int ni = to - n0 < batch ? to - n0 : batch;
        int lanes = ni * P, blocks = (lanes + LB - 1) / LB;
        const SerialTile *previous = NULL;
        for (int j = 0; j < count; j++) {
            const SerialTile *t = &tiles[j];
            const LookupTile *lt = &lts[j];
            size_t image = (size_t)t->nci * hp * wp;
            if (previous == NULL || previous->ci0 != t->ci0 || previous->nci != t->nci || previous->inv != t->inv
                    || previous->lo != t->lo || previous->hi != t->hi
                    || previous->twosComplement != t->twosComplement || previous->inputBits != t->inputBits) {
                byte_levels(g, t, x, n0, ni, slab);
            }
            previous = t;
            int64_t saturated = 0;
            for (int b = 0; b < blocks; b++) {
                gather_block(g, lt->rows, slab, image, lanes, b, row, column);
                if (t->offset != 0.0f) {
                    /* the offset column's share, removed digitally: the sum of the lane's signed input levels */
                    int half = 1 << (t->inputBits - 1), wrap = 1 << t->inputBits;
                    for (int l = 0; l < LB; l++) {
                        int s = 0;
                        for (int r = 0; r < lt->rows; r++) {
                            int v = column[(size_t)r * LB + l];
                            s += t->twosComplement && v >= half ? v - wrap : v;
                        }
                        rowSums[(size_t)b * LB + l] = (float)s;
                    }
                }
                digit_indices(lt->rows, t->cycles, column, index);
                block_channels(t, lt, index, b, (int)lanesPad, yacc, clipped == NULL ? NULL : &saturated);
            }
            if (clipped != NULL) {
                clipped[j] += saturated;
            }
            int first = t->rowBlock == 0;
            for (int o = 0; o < t->nco; o++) {
                const int32_t *a = yacc + (size_t)o * lanesPad;
                float *dst = y + (size_t)(t->co0 + o) * lanesPad;
                float step = t->step[o];
                for (int L = 0; L < lanes; L++) {
                    float v = (float)a[L];
                    if (!t->lossless) {
                        v = v * t->adcScale;
                    }
                    if (t->offset != 0.0f) {
                        v = v - rowSums[L] * t->offset;
                    }
                    float value = v * step;
                    dst[L] = first ? value : dst[L] + value;
                }
            }
        }
        size_t outImage = (size_t)g->cout * P;
        for (int i = 0; i < ni; i++) {
            for (int ch = 0; ch < g->cout; ch++) {
                const float *src = y + (size_t)ch * lanesPad + (size_t)i * P;
                float *dst = out + (size_t)(n0 + i) * outImage + (size_t)ch * P;
                float b = bias[ch];
                for (int p = 0; p < P; p++) {
                    dst[p] = src[p] + b;
                }
            }
        }
    }
    for (int j = 0; lts != NULL && j < count; j++) {
        free(lts[j].tables), free(lts[j].exponent), free(lts[j].negative);
    }
    free(lts), free(slab), free(column), free(index), free(yacc), free(y), free(rowSums);
    return status;
}

#else

int bitserial_lookup_cpu(void) {
    return 0;
}

int bitserial_lookup_supported(const Geometry *g, const SerialTile *tiles, int count) {
    (void)g, (void)tiles, (void)count;
    return 0;
}

int bitserial_lookup_run(const Geometry *g, const SerialTile *tiles, int count, const float *bias, const float *x,
                         float *out, int from, int to, const int *pixel, const int *row, int64_t *clipped) {
    (void)g, (void)tiles, (void)count, (void)bias, (void)x, (void)out, (void)from, (void)to, (void)pixel, (void)row;
    (void)clipped;
    return -1;
}

#endif
