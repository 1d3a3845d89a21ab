/*
 * What the fused kernels (psum_kernel.c, bitserial_kernel.c) share: vector types, the rounding constant, ISA
 * clones, the layer geometry, the DAC step and the crossbar sums (crossbar.c).
 */
#ifndef CIM2PQ_KERNEL_H
#define CIM2PQ_KERNEL_H

#include <jni.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef float v16 __attribute__((vector_size(64)));
typedef int32_t v16i __attribute__((vector_size(64)));
/* the same vector with 4-byte alignment, for loads and stores at any channel offset */
typedef float v16u __attribute__((vector_size(64), aligned(4)));

#define LANES 16

static const float MAGIC = 12582912.0f; /* 1.5 * 2^23: (v + MAGIC) - MAGIC rounds half to even, |v| < 2^22 */

#if defined(__x86_64__) && !defined(CIM2PQ_NO_CLONES) /* -DCIM2PQ_NO_CLONES: one ISA, to test each fallback */
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLONES
#endif

typedef struct {
    int C, H, W, cout, k, stride, pad, OH, OW, rowBlocks;
} Geometry;

/*
 * The DAC levels round(clamp(x * inv, lo, hi)) of input channels ci0 .. ci0+nci-1 of one image, zero-padded:
 * (nci, H + 2 pad, W + 2 pad). Inlined, so each ISA clone vectorizes it for its own ISA.
 */
static inline __attribute__((always_inline)) void dac_levels(const Geometry *g, int ci0, int nci, float inv, float lo,
                                                             float hi, const float *x, float *slab) {
    int hp = g->H + 2 * g->pad, wp = g->W + 2 * g->pad;
    memset(slab, 0, sizeof(float) * (size_t)nci * hp * wp);
    for (int ci = 0; ci < nci; ci++) {
        const float *plane = x + (size_t)(ci0 + ci) * g->H * g->W;
        for (int y = 0; y < g->H; y++) {
            float *dst = slab + ((size_t)ci * hp + y + g->pad) * wp + g->pad;
            const float *src = plane + (size_t)y * g->W;
            for (int i = 0; i < g->W; i++) {
                float t = src[i] * inv;
                t = t < lo ? lo : t;
                t = t > hi ? hi : t;
                dst[i] = (t + MAGIC) - MAGIC;
            }
        }
    }
}

/* crossbar.c: sums (pixels, ncoPad) of slab[pixel[p] + row[r]] * weights[r * ncoPad + o] over r < rows */
void crossbar_sums(const float *slab, const float *weights, int rows, int ncoPad, const int *row, const int *pixel,
                   int pixels, float *sums);

/* pixel[p]: offset of output pixel p's window in a padded plane; row[r]: offset of tile row r = (ci, ky, kx) */
static inline void window_offsets(const Geometry *g, int rows, int *pixel, int *row) {
    int hp = g->H + 2 * g->pad, wp = g->W + 2 * g->pad, kk = g->k * g->k;
    for (int oy = 0; oy < g->OH; oy++) {
        for (int ox = 0; ox < g->OW; ox++) {
            pixel[oy * g->OW + ox] = oy * g->stride * wp + ox * g->stride;
        }
    }
    for (int r = 0; r < rows; r++) {
        int ci = r / kk, ky = (r % kk) / g->k, kx = r % g->k;
        row[r] = (ci * hp + ky) * wp + kx;
    }
}

/* out (cout, P) = acc (P, coutPad) + bias: one image's layer output, channel-major as NCHW wants it */
static inline __attribute__((always_inline)) void write_output(const Geometry *g, const float *acc, int coutPad,
                                                               const float *bias, float *out) {
    int planeOut = g->OH * g->OW;
    for (int ch = 0; ch < g->cout; ch++) {
        float b = bias[ch];
        float *dst = out + (size_t)ch * planeOut;
        for (int p = 0; p < planeOut; p++) {
            dst[p] = acc[(size_t)p * coutPad + ch] + b;
        }
    }
}

static inline float *aligned_floats(size_t n) {
    void *p = NULL;
    if (posix_memalign(&p, 64, sizeof(float) * (n == 0 ? 1 : n)) != 0) {
        return NULL;
    }
    memset(p, 0, sizeof(float) * (n == 0 ? 1 : n));
    return p;
}

static inline void throw_error(JNIEnv *env, const char *message) {
    jclass type = (*env)->FindClass(env, "java/lang/IllegalStateException");
    if (type != NULL) {
        (*env)->ThrowNew(env, type, message);
    }
}

static inline Geometry read_geometry(JNIEnv *env, jintArray array) {
    jint v[10];
    (*env)->GetIntArrayRegion(env, array, 0, 10, v);
    Geometry g = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]};
    return g;
}

#endif
