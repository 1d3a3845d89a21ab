/*
 * The analog part of a crossbar in cim2pq's fused kernels: every output pixel's sums of one convolution
 * (integer input levels times integer weight levels, summed over the tile's rows), for all its output channels.
 *
 * Compiled with -ffp-contract=fast, unlike psum_kernel.c: the products and sums are exact integers below 2^24, so a
 * fused multiply-add gives the same result as a multiply and an add, and the order of the rows does not matter.
 */
#include "kernel.h"

#define PIXELS 8 /* output pixels per register block: 8 accumulators of 16 channels */

/*
 * sums (pixels, ncoPad) = for each output pixel p and channel o: sum over r < rows of
 * slab[pixel[p] + row[r]] * weights[r * ncoPad + o]. weights and sums are 64-byte aligned, ncoPad a multiple of 16.
 */
CLONES
void crossbar_sums(const float *slab, const float *weights, int rows, int ncoPad, const int *row, const int *pixel,
                   int pixels, float *sums) {
    for (int p0 = 0; p0 < pixels; p0 += PIXELS) {
        int np = pixels - p0 < PIXELS ? pixels - p0 : PIXELS;
        const int *px = pixel + p0;
        for (int cb = 0; cb < ncoPad; cb += LANES) {
            v16 a[PIXELS];
            for (int q = 0; q < PIXELS; q++) {
                a[q] = (v16){0};
            }
            const float *w = weights + cb;
            if (np == PIXELS) {
                for (int r = 0; r < rows; r++) {
                    v16 wv = *(const v16 *)(w + (size_t)r * ncoPad);
                    const float *s = slab + row[r];
                    for (int q = 0; q < PIXELS; q++) {
                        a[q] += s[px[q]] * wv;
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    v16 wv = *(const v16 *)(w + (size_t)r * ncoPad);
                    const float *s = slab + row[r];
                    for (int q = 0; q < np; q++) {
                        a[q] += s[px[q]] * wv;
                    }
                }
            }
            for (int q = 0; q < np; q++) {
                *(v16 *)(sums + (size_t)(p0 + q) * ncoPad + cb) = a[q];
            }
        }
    }
}
