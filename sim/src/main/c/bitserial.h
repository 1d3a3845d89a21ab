/*
 * What the two implementations of the bitserial layer share (bitserial_kernel.c: the generic loops, every ISA;
 * bitserial_lookup.c: table lookups on AVX-512 VBMI): one tile's parameters, as BitSerialKernel.run passes them.
 */
#ifndef CIM2PQ_BITSERIAL_H
#define CIM2PQ_BITSERIAL_H

#include "kernel.h"

/* One tile: row block rowBlock's input channels ci0.. and output channels co0..co0+nco-1. */
typedef struct {
    int rowBlock, ci0, nci, co0, nco;
    int cycles, dacBits, twosComplement, inputBits;
    int groups, colPad;       /* groups = sign columns x slices; columns = groups * nco, padded to colPad */
    float inv, lo, hi;        /* the tile's DAC quantizer */
    const float *weights;     /* (rows, colPad): column (group * nco + o) holds slice group of channel o */
    const double *coef;       /* (cycles, groups): a_z * (+-1) * (2^cellBits)^slice */
    int lossless;
    float adcInv, adcMax, adcScale, adcEdge;
    float offset;             /* 2^(bW-1) for the offset encoding, 0 for differential pairs */
    const float *step;        /* nco: input step times weight step */
    /* non-idealities (ArrayNoise): 0 on the ideal machine, whose loops never read the fields below */
    int noisy;
    float cellScale, noiseMax; /* count * cellScale is in level units; the ADC's top level */
    const float *noise;       /* 4 per column: gain / step, offset, read variance per active row, constant variance */
    uint64_t stream;          /* the tile's conversion stream (NoiseStream) */
} SerialTile;

/* SplitMix64's finaliser, NoiseStream.mix. */
static inline uint64_t noise_mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* NoiseStream.gaussian(NoiseStream.at(stream, counter)): Irwin-Hall of the draw's 8 bytes, unit variance. */
static inline float noise_gaussian(uint64_t stream, uint64_t counter) {
    uint64_t h = noise_mix(stream + counter * 0x9E3779B97F4A7C15ULL);
    uint64_t pairs = (h & 0x00FF00FF00FF00FFULL) + ((h >> 8) & 0x00FF00FF00FF00FFULL);
    uint64_t quads = (pairs & 0x0000FFFF0000FFFFULL) + ((pairs >> 16) & 0x0000FFFF0000FFFFULL);
    int sum = (int)((quads & 0xFFFFFFFFULL) + (quads >> 32));
    return (float)(sum - 1020) * 0.0047841962f;
}

/* Whether this CPU has what bitserial_lookup_run needs (AVX-512 F, BW, VL and VBMI). */
int bitserial_lookup_cpu(void);

/* Whether bitserial_lookup_run can run these tiles on this CPU (else the generic loops run them). */
int bitserial_lookup_supported(const Geometry *g, const SerialTile *tiles, int count);

/*
 * Images from..to-1 of x into out, as the generic loops compute them, bit for bit. pixel and row as
 * window_offsets. clipped: per tile, saturated conversions are added (or NULL). Returns 0, or -1 when out of memory.
 */
int bitserial_lookup_run(const Geometry *g, const SerialTile *tiles, int count, const float *bias, const float *x,
                         float *out, int from, int to, const int *pixel, const int *row, int64_t *clipped);

#endif
