/*
 * The bitserial-fidelity layer of cim2pq's arraywise quantized inference, fused into one kernel per image:
 * DAC levels -> input digits per cycle -> column counts of every weight slice (crossbar.c) -> bit-serial ADC ->
 * shift-add recombination -> dequantization -> row-block sum -> bias. No column count is written to memory; the
 * DJL path writes all of them (cycles x slices x 2 columns per output channel) as tensors.
 *
 * Semantics are those of ArraywiseInference's DJL bitserial path, bit for bit (BitSerialKernelTest checks it):
 *   digit_z = (level' >> (dacBits * z)) & (2^dacBits - 1)   level' = level + 2^bIn for negative two's complement
 *   count   = sum over the tile's rows of digit_z * cell     exact integers
 *   q       = lossless ? count : round(clamp(count * inv, 0, max))
 *   y       = (float) (sum over z, sign, slice of q * coef) [* adcScale]   the sum exact in double
 *   y      -= rowSum(level) * 2^(bW-1)                       offset encoding only
 *   out     = ((y_rb0 * step) + y_rb1 * step ...) + bias    row blocks in order
 * Compiled with -ffp-contract=off like psum_kernel.c.
 *
 * A noisy tile (ArrayNoise: weights are the draw's programmed conductances) converts each count as ArrayNoise.Columns
 * does, the same float operations in the same order:
 *   a = count * cellScale; sd = sqrt(readVar * active + constVar); v = (a * gain + offset) + sd * n
 *   q = round(clamp(v, 0, max)), saturated when v > max + 1/2
 * with active = sum over the tile's rows of digit^2 and n = NoiseStream's Gaussian of
 * counter = ((image * pixels + p) * cycles + z) * columns + column.
 */
#include <math.h>

#include "bitserial.h"

/*
 * One image. slab and digits: (C, H + 2 pad, W + 2 pad); counts (P, colPad); acc (P, maxNco) doubles;
 * rowSums P floats; y (P, coutPad). clipped gets each tile's saturated conversions, or is NULL.
 */
CLONES
void bitserial_image(const Geometry *g, const SerialTile *tiles, int count, const float *bias, const float *x,
                     float *out, float *slab, float *digits, float *counts, double *acc, float *rowSums, float *y,
                     int coutPad, const int *pixel, const int *row, int64_t *clipped, int64_t image, float *active) {
    int planeOut = g->OH * g->OW;
    int kk = g->k * g->k;
    int hp = g->H + 2 * g->pad, wp = g->W + 2 * g->pad;
    for (int j = 0; j < count; j++) {
        const SerialTile *t = &tiles[j];
        int rows = t->nci * kk;
        int cells = t->nci * hp * wp;
        dac_levels(g, t->ci0, t->nci, t->inv, t->lo, t->hi, x, slab);
        if (t->offset != 0.0f) {
            /* the offset column's contribution, removed digitally: the sum of the tile's input levels */
            for (int p = 0; p < planeOut; p++) {
                float s = 0.0f;
                for (int r = 0; r < rows; r++) {
                    s += slab[pixel[p] + row[r]];
                }
                rowSums[p] = s;
            }
        }
        if (t->twosComplement) {
            float wrap = (float)(1 << t->inputBits);
            for (int i = 0; i < cells; i++) {
                slab[i] = slab[i] < 0.0f ? slab[i] + wrap : slab[i];
            }
        }
        memset(acc, 0, sizeof(double) * (size_t)planeOut * t->nco);
        int mask = (1 << t->dacBits) - 1;
        int64_t saturated = 0;
        for (int z = 0; z < t->cycles; z++) {
            int shift = t->dacBits * z;
            for (int i = 0; i < cells; i++) {
                digits[i] = (float)(((int)slab[i] >> shift) & mask);
            }
            crossbar_sums(digits, t->weights, rows, t->colPad, row, pixel, planeOut, counts);
            const double *coef = t->coef + (size_t)z * t->groups;
            if (t->noisy) {
                int columns = t->groups * t->nco;
                for (int p = 0; p < planeOut; p++) {
                    float s = 0.0f;
                    for (int r = 0; r < rows; r++) {
                        float d = digits[pixel[p] + row[r]];
                        s += d * d;
                    }
                    active[p] = s;
                }
                for (int p = 0; p < planeOut; p++) {
                    double *a = acc + (size_t)p * t->nco;
                    uint64_t base = ((uint64_t)image * planeOut + p) * t->cycles + z;
                    for (int group = 0; group < t->groups; group++) {
                        const float *c = counts + (size_t)p * t->colPad + (size_t)group * t->nco;
                        double weight = coef[group];
                        for (int o = 0; o < t->nco; o++) {
                            int column = group * t->nco + o;
                            const float *v = t->noise + 4 * (size_t)column;
                            float count = c[o] * t->cellScale;
                            float sd = sqrtf(v[2] * active[p] + v[3]);
                            float n = noise_gaussian(t->stream, base * (uint64_t)columns + (uint64_t)column);
                            float x = (count * v[0] + v[1]) + sd * n;
                            if (!t->lossless) {
                                saturated += x > t->noiseMax + 0.5f;
                            }
                            x = x < 0.0f ? 0.0f : x;
                            x = x > t->noiseMax ? t->noiseMax : x;
                            float level = (x + MAGIC) - MAGIC;
                            a[o] += (double)level * weight;
                        }
                    }
                }
                continue;
            }
            for (int p = 0; p < planeOut; p++) {
                double *a = acc + (size_t)p * t->nco;
                for (int group = 0; group < t->groups; group++) {
                    const float *c = counts + (size_t)p * t->colPad + (size_t)group * t->nco;
                    double weight = coef[group];
                    for (int o = 0; o < t->nco; o++) {
                        float level = c[o];
                        if (!t->lossless) {
                            saturated += level > t->adcEdge;
                            float v = level * t->adcInv;
                            v = v < 0.0f ? 0.0f : v;
                            v = v > t->adcMax ? t->adcMax : v;
                            level = (v + MAGIC) - MAGIC;
                        }
                        a[o] += (double)level * weight;
                    }
                }
            }
        }
        if (clipped != NULL) {
            clipped[j] += saturated;
        }
        int first = t->rowBlock == 0;
        for (int p = 0; p < planeOut; p++) {
            const double *a = acc + (size_t)p * t->nco;
            float *dst = y + (size_t)p * coutPad + t->co0;
            for (int o = 0; o < t->nco; o++) {
                float v = (float)a[o];
                if (!t->lossless) {
                    v = v * t->adcScale;
                }
                if (t->offset != 0.0f) {
                    v = v - rowSums[p] * t->offset;
                }
                float value = v * t->step[o];
                dst[o] = first ? value : dst[o] + value;
            }
        }
    }
    write_output(g, y, coutPad, bias, out);
}

/*
 * BitSerialKernel.run: images from..to-1 of x into out. geometry as PartialSumKernel.run; per tile
 * ints = {rowBlock, ci0, nci, co0, nco, cycles, dacBits, twosComplement, inputBits, groups, lossless, weightOffset,
 * coefOffset, stepOffset} and floats = {inv, lo, hi, adcInv, adcMax, adcScale, adcEdge, offset}; weights (rows,
 * groups * nco) per tile, unpadded; coef (cycles, groups) per tile; step nco per tile; clipped one count per tile
 * (null: not counted).
 */
JNIEXPORT jboolean JNICALL Java_org_cim2pq_sim_cim_inference_BitSerialKernel_run(
        JNIEnv *env, jclass type, jobject xBuffer, jobject outBuffer, jintArray geometryArray, jintArray intArray,
        jfloatArray floatArray, jfloatArray weightArray, jdoubleArray coefArray, jfloatArray stepArray,
        jfloatArray biasArray, jint from, jint to, jlongArray clippedArray, jboolean allowLookup,
        jfloatArray noiseArray, jlongArray streamArray) {
    (void)type;
    jboolean lookedUp = JNI_FALSE;
    enum { INTS = 16, FLOATS = 8 };
    const float *x = (*env)->GetDirectBufferAddress(env, xBuffer);
    float *out = (*env)->GetDirectBufferAddress(env, outBuffer);
    if (x == NULL || out == NULL) {
        throw_error(env, "bitserial kernel: input and output must be direct buffers");
        return JNI_FALSE;
    }
    Geometry g = read_geometry(env, geometryArray);
    int count = (*env)->GetArrayLength(env, intArray) / INTS;
    int weightCount = (*env)->GetArrayLength(env, weightArray);
    int coefCount = (*env)->GetArrayLength(env, coefArray);
    int stepCount = (*env)->GetArrayLength(env, stepArray);
    int noiseCount = noiseArray == NULL ? 0 : (*env)->GetArrayLength(env, noiseArray);
    int coutPad = (g.cout + LANES - 1) / LANES * LANES;
    int kk = g.k * g.k, planeOut = g.OH * g.OW;
    size_t cells = (size_t)g.C * (g.H + 2 * g.pad) * (g.W + 2 * g.pad);

    jint *iv = malloc(sizeof(jint) * INTS * (size_t)count);
    jfloat *fv = malloc(sizeof(jfloat) * FLOATS * (size_t)count);
    float *raw = malloc(sizeof(float) * ((size_t)weightCount + stepCount + g.cout + 1));
    double *coef = malloc(sizeof(double) * ((size_t)coefCount + 1));
    SerialTile *tiles = calloc((size_t)count + 1, sizeof(SerialTile));
    float *noise = malloc(sizeof(float) * ((size_t)noiseCount + 1));
    jlong *streams = malloc(sizeof(jlong) * ((size_t)count + 1));
    int maxRows = 0, maxNco = 1, maxColumns = LANES;
    size_t padded = 0;
    if (iv == NULL || fv == NULL || raw == NULL || coef == NULL || tiles == NULL || noise == NULL || streams == NULL) {
        throw_error(env, "bitserial kernel: out of memory");
        free(iv), free(fv), free(raw), free(coef), free(tiles), free(noise), free(streams);
        return JNI_FALSE;
    }
    if (noiseArray != NULL) {
        (*env)->GetFloatArrayRegion(env, noiseArray, 0, noiseCount, noise);
        (*env)->GetLongArrayRegion(env, streamArray, 0, count, streams);
    }
    (*env)->GetIntArrayRegion(env, intArray, 0, INTS * count, iv);
    (*env)->GetFloatArrayRegion(env, floatArray, 0, FLOATS * count, fv);
    (*env)->GetFloatArrayRegion(env, weightArray, 0, weightCount, raw);
    float *step = raw + weightCount, *bias = step + stepCount;
    (*env)->GetFloatArrayRegion(env, stepArray, 0, stepCount, step);
    (*env)->GetFloatArrayRegion(env, biasArray, 0, g.cout, bias);
    (*env)->GetDoubleArrayRegion(env, coefArray, 0, coefCount, coef);
    for (int j = 0; j < count; j++) {
        const jint *v = iv + INTS * j;
        int rows = v[2] * kk, columns = v[9] * v[4];
        int colPad = (columns + LANES - 1) / LANES * LANES;
        padded += (size_t)rows * colPad;
        maxRows = rows > maxRows ? rows : maxRows;
        maxNco = v[4] > maxNco ? v[4] : maxNco;
        maxColumns = colPad > maxColumns ? colPad : maxColumns;
    }
    float *block = aligned_floats(padded);
    float *slab = aligned_floats(cells);
    float *digits = aligned_floats(cells);
    float *counts = aligned_floats((size_t)planeOut * maxColumns);
    double *acc = malloc(sizeof(double) * (size_t)planeOut * maxNco);
    float *rowSums = aligned_floats((size_t)planeOut);
    float *active = aligned_floats((size_t)planeOut);
    float *y = aligned_floats((size_t)planeOut * coutPad);
    int *pixel = malloc(sizeof(int) * (size_t)planeOut);
    int *row = malloc(sizeof(int) * (size_t)(maxRows > 0 ? maxRows : 1));
    int64_t *clipped = clippedArray == NULL ? NULL : calloc((size_t)count + 1, sizeof(int64_t));
    if (block == NULL || slab == NULL || digits == NULL || counts == NULL || acc == NULL || rowSums == NULL
            || active == NULL || y == NULL || pixel == NULL || row == NULL || (clippedArray != NULL && clipped == NULL)) {
        throw_error(env, "bitserial kernel: out of memory");
    } else {
        float *next = block;
        for (int j = 0; j < count; j++) {
            const jint *v = iv + INTS * j;
            const jfloat *f = fv + FLOATS * j;
            SerialTile *t = &tiles[j];
            t->rowBlock = v[0];
            t->ci0 = v[1];
            t->nci = v[2];
            t->co0 = v[3];
            t->nco = v[4];
            t->cycles = v[5];
            t->dacBits = v[6];
            t->twosComplement = v[7];
            t->inputBits = v[8];
            t->groups = v[9];
            t->lossless = v[10];
            int columns = t->groups * t->nco, rows = t->nci * kk;
            t->colPad = (columns + LANES - 1) / LANES * LANES;
            float *w = next;
            next += (size_t)rows * t->colPad;
            const float *src = raw + v[11];
            for (int r = 0; r < rows; r++) {
                memcpy(w + (size_t)r * t->colPad, src + (size_t)r * columns, sizeof(float) * columns);
            }
            t->weights = w;
            t->coef = coef + v[12];
            t->step = step + v[13];
            t->inv = f[0];
            t->lo = f[1];
            t->hi = f[2];
            t->adcInv = f[3];
            t->adcMax = f[4];
            t->adcScale = f[5];
            t->adcEdge = f[6];
            t->offset = f[7];
            t->noisy = v[14];
            if (t->noisy) {
                const float *nv = noise + v[15];
                t->cellScale = nv[0];
                t->noiseMax = nv[1];
                t->noise = nv + 2;
                t->stream = (uint64_t)streams[j];
            }
        }
        window_offsets(&g, maxRows, pixel, row);
        size_t inImage = (size_t)g.C * g.H * g.W, outImage = (size_t)g.cout * planeOut;
        if (allowLookup && bitserial_lookup_supported(&g, tiles, count)) {
            if (bitserial_lookup_run(&g, tiles, count, bias, x, out, from, to, pixel, row, clipped) != 0) {
                throw_error(env, "bitserial kernel: out of memory");
            }
            lookedUp = JNI_TRUE;
        } else {
            for (int n = from; n < to; n++) {
                bitserial_image(&g, tiles, count, bias, x + n * inImage, out + n * outImage, slab, digits, counts,
                                acc, rowSums, y, coutPad, pixel, row, clipped, n, active);
            }
        }
        if (clipped != NULL) {
            jlong *sums = (*env)->GetLongArrayElements(env, clippedArray, NULL);
            for (int j = 0; j < count; j++) {
                sums[j] += clipped[j];
            }
            (*env)->ReleaseLongArrayElements(env, clippedArray, sums, 0);
        }
    }
    free(block), free(slab), free(digits), free(counts), free(acc), free(rowSums), free(active), free(y), free(pixel);
    free(row), free(clipped), free(iv), free(fv), free(raw), free(coef), free(tiles), free(noise), free(streams);
    return lookedUp;
}

/* BitSerialKernel.lookupCpu: whether this CPU can run the lookup kernel (bitserial_lookup.c). */
JNIEXPORT jboolean JNICALL Java_org_cim2pq_sim_cim_inference_BitSerialKernel_lookupCpu(JNIEnv *env, jclass type) {
    (void)env, (void)type;
    return bitserial_lookup_cpu() ? JNI_TRUE : JNI_FALSE;
}
