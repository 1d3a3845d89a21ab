package org.cim2pq.sim.cim.quant;

/**
 * Calibration choices of METHOD.md section 2, each a named parameter with its default.
 *
 * @param inputCalibration clipping of input quantizers (default MSE; MIN_MAX option)
 * @param weightCalibration clipping of weight quantizers (default MSE; MIN_MAX option)
 * @param perColumnWeightScales one weight scale per output channel instead of per tile (default false)
 * @param partialSumCalibration clipping of the ADCs (default MSE; MEAN_K_SIGMA option)
 * @param sigmas k of the mean +/- k sigma clipping (default {@value #DEFAULT_SIGMAS})
 * @param maxSamples samples kept per quantizer for calibration, taken with an even stride
 *        (default {@value #DEFAULT_MAX_SAMPLES}; bounds calibration time, not accuracy of the execution)
 * @param bitserialCalibrationImages calibration images used to record bit-serial column counts (default
 *        {@value #DEFAULT_BITSERIAL_CALIBRATION_IMAGES}; those convolutions are bIn x slices times the FP work)
 * @param outputWeightedBitserialAdc whether the bit-serial ADC's MSE range search minimises the error of the
 *        recombined outputs (each a sum of its column counts' ADC levels times their shift-add coefficients) rather
 *        than of the raw counts (default false: measured on LeNet-5 and ResNet-8 it wins at some bit widths and loses at
 *        others, docs/sim-benchmarks.md)
 * @param quantizedPartialSumCalibration whether the psum ADC is calibrated per (tile, bIn, bW, bPs) on the partial
 *        sums of the quantized inputs and weights it will convert, instead of per (tile, bPs) on the FP partial sums
 *        (default false)
 * @param perSliceBitserialAdc whether each weight slice of a bit-serial tile gets its own ADC range (default false):
 *        the tile's ADC step {@code s} is that of its widest slice, and slice {@code k} converts with the step
 *        {@code s / 2^shift[k]}, each slice's range calibrated on its own column counts ({@link BitSerialAdc}). Powers of
 *        two keep the shift-add recombination a sum of exact dyadic values, so both inference paths stay bit for bit
 *        equal (docs/sim-benchmarks.md, "Per-slice ADC ranges")
 * @param layerScales the granularity of the scales (default false: per tile). When true every quantizer is shared by
 *        the tiles of a layer, as layerwise mixed-precision quantization has it (METHOD.md section 4, the layerwise
 *        baseline): one input scale per (layer, bIn) over the whole layer input; weight scales over the whole layer
 *        (one per layer, or with {@code perColumnWeightScales} one per output channel over all its row blocks); one
 *        ADC range per (layer, bPs) (psum) or (layer, bIn, bW, bPs) (bitserial, quantized-psum calibration),
 *        calibrated on the pooled samples of every tile of the layer, whatever precisions the strategy gives the
 *        other tiles (so a calibration stays one per key). The clipping search is the same, on the pooled samples
 */
public record QuantizationConfig(CalibrationMethod inputCalibration, CalibrationMethod weightCalibration,
                                 boolean perColumnWeightScales, CalibrationMethod partialSumCalibration,
                                 double sigmas, int maxSamples, int bitserialCalibrationImages,
                                 boolean outputWeightedBitserialAdc, boolean quantizedPartialSumCalibration,
                                 boolean perSliceBitserialAdc, boolean layerScales) {

    public static final double DEFAULT_SIGMAS = 3.0;
    public static final int DEFAULT_MAX_SAMPLES = 32_768;
    public static final int DEFAULT_BITSERIAL_CALIBRATION_IMAGES = 32;

    public QuantizationConfig {
        if (inputCalibration == CalibrationMethod.MEAN_K_SIGMA || weightCalibration == CalibrationMethod.MEAN_K_SIGMA) {
            throw new IllegalArgumentException("mean +/- k sigma clipping is for partial sums only");
        }
        if (maxSamples < 16 || bitserialCalibrationImages < 1 || !(sigmas > 0)) {
            throw new IllegalArgumentException("bad calibration parameters");
        }
    }

    public static QuantizationConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; every value is optional. */
    public static final class Builder {
        private CalibrationMethod inputCalibration = CalibrationMethod.MSE;
        private CalibrationMethod weightCalibration = CalibrationMethod.MSE;
        private boolean perColumnWeightScales;
        private CalibrationMethod partialSumCalibration = CalibrationMethod.MSE;
        private double sigmas = DEFAULT_SIGMAS;
        private int maxSamples = DEFAULT_MAX_SAMPLES;
        private int bitserialCalibrationImages = DEFAULT_BITSERIAL_CALIBRATION_IMAGES;
        private boolean outputWeightedBitserialAdc;
        private boolean quantizedPartialSumCalibration;
        private boolean perSliceBitserialAdc;
        private boolean layerScales;

        private Builder() {}

        public Builder optInputCalibration(CalibrationMethod method) {
            this.inputCalibration = method;
            return this;
        }

        public Builder optWeightCalibration(CalibrationMethod method) {
            this.weightCalibration = method;
            return this;
        }

        public Builder optPerColumnWeightScales(boolean perColumn) {
            this.perColumnWeightScales = perColumn;
            return this;
        }

        public Builder optPartialSumCalibration(CalibrationMethod method) {
            this.partialSumCalibration = method;
            return this;
        }

        public Builder optSigmas(double sigmas) {
            this.sigmas = sigmas;
            return this;
        }

        public Builder optMaxSamples(int maxSamples) {
            this.maxSamples = maxSamples;
            return this;
        }

        public Builder optBitserialCalibrationImages(int images) {
            this.bitserialCalibrationImages = images;
            return this;
        }

        /** Default false: the bit-serial ADC range minimises the error of the raw counts, not of the outputs. */
        public Builder optOutputWeightedBitserialAdc(boolean outputWeighted) {
            this.outputWeightedBitserialAdc = outputWeighted;
            return this;
        }

        /** Default false: the psum ADC is calibrated on the FP partial sums, whatever the tile's bIn and bW. */
        public Builder optQuantizedPartialSumCalibration(boolean quantized) {
            this.quantizedPartialSumCalibration = quantized;
            return this;
        }

        /** Default false: one bit-serial ADC range per tile, shared by all its weight slices. */
        public Builder optPerSliceBitserialAdc(boolean perSlice) {
            this.perSliceBitserialAdc = perSlice;
            return this;
        }

        /** Default false: every tile calibrates its own input, weight and ADC scales (arraywise quantization). */
        public Builder optLayerScales(boolean perLayer) {
            this.layerScales = perLayer;
            return this;
        }

        public QuantizationConfig build() {
            return new QuantizationConfig(inputCalibration, weightCalibration, perColumnWeightScales,
                    partialSumCalibration, sigmas, maxSamples, bitserialCalibrationImages, outputWeightedBitserialAdc,
                    quantizedPartialSumCalibration, perSliceBitserialAdc, layerScales);
        }
    }
}
