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
} SerialTile;

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
