/*
 * The psum-fidelity layer of cim2pq's arraywise quantized inference, fused into one kernel:
 * DAC levels -> crossbar partial sums -> ADC -> dequantization -> row-block sum -> bias,
 * without ever writing a partial sum to memory (the Java/DJL path writes and re-reads every one).
 *
 * Semantics are those of ArraywiseInference's DJL path, bit for bit (PartialSumKernelTest checks it):
 *   level  = round(clamp(x * inv, lo, hi))                        per input element, per convolution
 *   S      = sum over the tile's rows of level * weightLevel      exact: integer products, |S| < 2^24
 *   value  = lossless ? S * step : round(clamp(S * gain, -L, L)) * step
 *   out    = ((value_rb0 + value_rb1) + ...) + bias               row blocks in order
 * round() is round-half-even by adding and subtracting 1.5 * 2^23 (as NativeFloats.round); this file must be compiled
 * with -ffp-contract=off so no multiply and add are fused (Java never fuses them). S comes from crossbar.c; as an
 * exact integer it does not depend on the order of the rows, so every ISA clone gives the same result.
 *
 * Layouts: x (N, C, H, W) and out (N, Cout, OH, OW) float32; a convolution's weights (rows, ncoPad) row-major with
 * row = (ci * k + ky) * k + kx and output channels padded with zeros to a multiple of 16.
 */
#include "kernel.h"

/* One convolution: row block rowBlock's input channels ci0.., convolved with the weights of output channels co0..;
 * its ADC parameters are spread per padded channel. */
typedef struct {
    int rowBlock, ci0, nci, co0, nco, ncoPad;
    float inv, lo, hi;
    const float *weights;              /* (nci * k * k, ncoPad) */
    float *gain, *limit, *edge, *step; /* ncoPad each; edge = limit + 0.5 (saturation threshold) */
    int32_t *lossless;                 /* -1 for a lossless ADC, 0 otherwise */
} Convolution;

/* lanes of yes where mask is set, of no elsewhere (macros: inlined into every ISA clone alike) */
#define BLEND(mask, yes, no) ((v16)(((v16i)(yes) & (mask)) | ((v16i)(no) & ~(mask))))

/*
 * One image: every convolution's partial sums (into sums, (P, ncoPad)), ADCs and dequantization into acc
 * (P, coutPad), row blocks summed in order; then out = acc + bias, transposed to (cout, P). clipped
 * (rowBlocks, coutPad) counts saturated conversions, or is NULL.
 */

CLONES
void psum_image(const Geometry *g, const Convolution *convs, int count, const float *bias, const float *x,
                float *out, float *slab, float *sums, float *acc, int coutPad, const int *pixel, const int *row,
                int32_t *clipped) {
    int planeOut = g->OH * g->OW;
    int kk = g->k * g->k;
    const Convolution *built = NULL;
    for (int j = 0; j < count; j++) {
        const Convolution *c = &convs[j];
        if (built == NULL || built->ci0 != c->ci0 || built->nci != c->nci || built->inv != c->inv
                || built->lo != c->lo || built->hi != c->hi) {
            dac_levels(g, c->ci0, c->nci, c->inv, c->lo, c->hi, x, slab);
            built = c;
        }
        int rows = c->nci * kk;
        int first = c->rowBlock == 0;
        int32_t *counts = clipped == NULL ? NULL : clipped + (size_t)c->rowBlock * coutPad + c->co0;
        crossbar_sums(slab, c->weights, rows, c->ncoPad, row, pixel, planeOut, sums);
        for (int cb = 0; cb < c->ncoPad; cb += LANES) {
            v16 gain = *(const v16 *)(c->gain + cb), limit = *(const v16 *)(c->limit + cb);
            v16 edge = *(const v16 *)(c->edge + cb), step = *(const v16 *)(c->step + cb);
            v16i lossless = *(const v16i *)(c->lossless + cb);
            int lanes = c->nco - cb < LANES ? c->nco - cb : LANES;
            v16i saturated = {0};
            for (int p = 0; p < planeOut; p++) {
                v16 s = *(const v16 *)(sums + (size_t)p * c->ncoPad + cb);
                v16 t = s * gain;
                v16i low = t < -limit, high = t > limit;
                v16 clamped = BLEND(high, limit, BLEND(low, -limit, t));
                v16 level = (clamped + MAGIC) - MAGIC;
                v16 value = BLEND(lossless, s * step, level * step);
                if (counts != NULL) {
                    v16 magnitude = (v16)((v16i)t & 0x7fffffff);
                    saturated -= magnitude > edge;
                }
                float *dst = acc + (size_t)p * coutPad + c->co0 + cb;
                if (lanes == LANES) {
                    *(v16u *)dst = first ? value : *(v16u *)dst + value;
                } else {
                    for (int l = 0; l < lanes; l++) {
                        dst[l] = first ? value[l] : dst[l] + value[l];
                    }
                }
            }
            if (counts != NULL) {
                for (int l = 0; l < lanes; l++) {
                    counts[cb + l] += saturated[l];
                }
            }
        }
    }
    write_output(g, acc, coutPad, bias, out);
}

/*
 * PartialSumKernel.run: images from..to-1 of x into out. geometry = {C, H, W, cout, k, stride, pad, OH, OW,
 * rowBlocks}; per convolution convs = {rowBlock, ci0, nci, co0, nco, weightOffset} and dac = {inv, lo, hi};
 * weights (rows, nco) per convolution, unpadded; gain, limit, step per (rowBlock, cout), limit +inf for a lossless
 * ADC; clipped (rowBlocks, cout) gets the saturated conversions of images below clippingImages (null: not counted).
 */
JNIEXPORT void JNICALL Java_org_cim2pq_sim_cim_inference_PartialSumKernel_run(
        JNIEnv *env, jclass type, jobject xBuffer, jobject outBuffer, jintArray geometryArray, jintArray convArray,
        jfloatArray dacArray, jfloatArray weightArray, jfloatArray gainArray, jfloatArray limitArray,
        jfloatArray stepArray, jfloatArray biasArray, jint from, jint to, jint clippingImages, jintArray clippedArray) {
    (void)type;
    const float *x = (*env)->GetDirectBufferAddress(env, xBuffer);
    float *out = (*env)->GetDirectBufferAddress(env, outBuffer);
    if (x == NULL || out == NULL) {
        throw_error(env, "psum kernel: input and output must be direct buffers");
        return;
    }
    Geometry g = read_geometry(env, geometryArray);
    int count = (*env)->GetArrayLength(env, convArray) / 6;
    int coutPad = (g.cout + LANES - 1) / LANES * LANES;
    int kk = g.k * g.k;
    int hp = g.H + 2 * g.pad, wp = g.W + 2 * g.pad;

    jint *cv = malloc(sizeof(jint) * 6 * (size_t)count);
    jfloat *dac = malloc(sizeof(jfloat) * 3 * (size_t)count);
    int weightCount = (*env)->GetArrayLength(env, weightArray);
    int channels = g.rowBlocks * g.cout;
    jfloat *raw = malloc(sizeof(jfloat) * (size_t)(weightCount + 4 * channels + g.cout));
    Convolution *convs = calloc((size_t)count, sizeof(Convolution));
    int maxRows = 0, padded = 0;
    if (cv == NULL || dac == NULL || raw == NULL || convs == NULL) {
        throw_error(env, "psum kernel: out of memory");
        free(cv), free(dac), free(raw), free(convs);
        return;
    }
    (*env)->GetIntArrayRegion(env, convArray, 0, 6 * count, cv);
    (*env)->GetFloatArrayRegion(env, dacArray, 0, 3 * count, dac);
    float *rawWeights = raw, *gainAll = raw + weightCount, *limitAll = gainAll + channels;
    float *stepAll = limitAll + channels, *bias = stepAll + channels;
    (*env)->GetFloatArrayRegion(env, weightArray, 0, weightCount, rawWeights);
    (*env)->GetFloatArrayRegion(env, gainArray, 0, channels, gainAll);
    (*env)->GetFloatArrayRegion(env, limitArray, 0, channels, limitAll);
    (*env)->GetFloatArrayRegion(env, stepArray, 0, channels, stepAll);
    (*env)->GetFloatArrayRegion(env, biasArray, 0, g.cout, bias);
    for (int j = 0; j < count; j++) {
        int rows = cv[6 * j + 2] * kk;
        int ncoPad = (cv[6 * j + 4] + LANES - 1) / LANES * LANES;
        padded += rows * ncoPad + 5 * ncoPad;
        maxRows = rows > maxRows ? rows : maxRows;
    }
    float *block = aligned_floats((size_t)padded);
    float *slab = aligned_floats((size_t)g.C * hp * wp);
    float *acc = aligned_floats((size_t)g.OH * g.OW * coutPad);
    float *sums = aligned_floats((size_t)g.OH * g.OW * coutPad);
    int *pixel = malloc(sizeof(int) * (size_t)g.OH * g.OW);
    int *row = malloc(sizeof(int) * (size_t)(maxRows > 0 ? maxRows : 1));
    int32_t *clipped = clippedArray == NULL ? NULL : calloc((size_t)g.rowBlocks * coutPad, sizeof(int32_t));
    if (block == NULL || slab == NULL || acc == NULL || sums == NULL || pixel == NULL || row == NULL
            || (clippedArray != NULL && clipped == NULL)) {
        throw_error(env, "psum kernel: out of memory");
    } else {
        float *next = block;
        for (int j = 0; j < count; j++) {
            Convolution *c = &convs[j];
            c->rowBlock = cv[6 * j];
            c->ci0 = cv[6 * j + 1];
            c->nci = cv[6 * j + 2];
            c->co0 = cv[6 * j + 3];
            c->nco = cv[6 * j + 4];
            c->ncoPad = (c->nco + LANES - 1) / LANES * LANES;
            c->inv = dac[3 * j];
            c->lo = dac[3 * j + 1];
            c->hi = dac[3 * j + 2];
            int rows = c->nci * kk;
            float *w = next;
            next += (size_t)rows * c->ncoPad;
            const float *src = rawWeights + cv[6 * j + 5];
            for (int r = 0; r < rows; r++) {
                memcpy(w + (size_t)r * c->ncoPad, src + (size_t)r * c->nco, sizeof(float) * c->nco);
            }
            c->weights = w;
            c->gain = next;
            c->limit = next + c->ncoPad;
            c->edge = next + 2 * c->ncoPad;
            c->step = next + 3 * c->ncoPad;
            c->lossless = (int32_t *)(next + 4 * c->ncoPad);
            next += 5 * c->ncoPad;
            for (int o = 0; o < c->nco; o++) {
                int at = c->rowBlock * g.cout + c->co0 + o;
                int lossless = limitAll[at] > 3.0e38f; /* +inf */
                c->gain[o] = gainAll[at];
                c->limit[o] = lossless ? 0.0f : limitAll[at];
                c->edge[o] = lossless ? limitAll[at] : limitAll[at] + 0.5f;
                c->step[o] = stepAll[at];
                c->lossless[o] = lossless ? -1 : 0;
            }
        }
        window_offsets(&g, maxRows, pixel, row);
        size_t inImage = (size_t)g.C * g.H * g.W, outImage = (size_t)g.cout * g.OH * g.OW;
        for (int n = from; n < to; n++) {
            psum_image(&g, convs, count, bias, x + n * inImage, out + n * outImage, slab, sums, acc, coutPad, pixel,
                       row, n < clippingImages ? clipped : NULL);
        }
        if (clipped != NULL) {
            jint *sums = (*env)->GetIntArrayElements(env, clippedArray, NULL);
            for (int r = 0; r < g.rowBlocks; r++) {
                for (int ch = 0; ch < g.cout; ch++) {
                    sums[r * g.cout + ch] += clipped[(size_t)r * coutPad + ch];
                }
            }
            (*env)->ReleaseIntArrayElements(env, clippedArray, sums, 0);
        }
    }
    free(block), free(slab), free(sums), free(acc), free(pixel), free(row), free(clipped);
    free(cv), free(dac), free(raw), free(convs);
}
