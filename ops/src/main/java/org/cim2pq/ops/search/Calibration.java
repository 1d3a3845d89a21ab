package org.cim2pq.ops.search;

import java.util.Map;
import com.typesafe.config.Config;
import org.cim2pq.sim.cim.quant.QuantizationConfig;

/**
 * The calibration choices of a search (METHOD.md section 2), as the user asked for them: the input normalisation
 * folded into the first layer, per-column weight scales, the bitserial ADC range for the error of the outputs, the
 * psum ADC on quantized partial sums; and whether the scales are per layer ({@code layerScales}: a layerwise search's,
 * METHOD.md section 4, since CIM model revision 4; not a flag of its own). In a search's recorded configuration each
 * is written only when on, so a configuration journaled before they existed reads as what it ran: all off (a
 * layerwise search journaled before revision 4 keeps its per-tile scales).
 */
public record Calibration(boolean foldInput, boolean perColumnWeightScales, boolean outputWeightedAdc,
                          boolean quantizedPsumCalibration, boolean layerScales) {

    /**
     * The defaults of the command line (reference.conf) since CIM model revision 3: the input fold and per-column
     * weight scales on (measured in docs/sim-benchmarks.md); scales per tile (an arraywise search).
     */
    public static final Calibration DEFAULT = new Calibration(true, true, false, false);

    /** Choices with per-tile scales. */
    public Calibration(boolean foldInput, boolean perColumnWeightScales, boolean outputWeightedAdc,
                       boolean quantizedPsumCalibration) {
        this(foldInput, perColumnWeightScales, outputWeightedAdc, quantizedPsumCalibration, false);
    }

    /** These choices with scales per layer ({@code true}) or per tile. */
    public Calibration withLayerScales(boolean perLayer) {
        return new Calibration(foldInput, perColumnWeightScales, outputWeightedAdc, quantizedPsumCalibration, perLayer);
    }

    static final String FOLD_INPUT = "fold-input";
    static final String PER_COLUMN = "per-column-weight-scales";
    static final String OUTPUT_WEIGHTED = "output-weighted-adc";
    static final String QUANTIZED_PSUM = "quantized-psum-calibration";
    static final String LAYER_SCALES = "layer-scales";

    /** The sim's quantization configuration of these choices (the input fold is the platform model's). */
    public QuantizationConfig quantization() {
        return QuantizationConfig.builder().optPerColumnWeightScales(perColumnWeightScales)
                .optOutputWeightedBitserialAdc(outputWeightedAdc)
                .optQuantizedPartialSumCalibration(quantizedPsumCalibration).optLayerScales(layerScales).build();
    }

    /** Adds the choices that are on to a configuration's keys. */
    void writeTo(Map<String, Object> m) {
        if (foldInput) {
            m.put(FOLD_INPUT, true);
        }
        if (perColumnWeightScales) {
            m.put(PER_COLUMN, true);
        }
        if (outputWeightedAdc) {
            m.put(OUTPUT_WEIGHTED, true);
        }
        if (quantizedPsumCalibration) {
            m.put(QUANTIZED_PSUM, true);
        }
        if (layerScales) {
            m.put(LAYER_SCALES, true);
        }
    }

    /** The choices a recorded configuration holds; an absent key is off. */
    static Calibration readFrom(Config c) {
        return new Calibration(on(c, FOLD_INPUT), on(c, PER_COLUMN), on(c, OUTPUT_WEIGHTED), on(c, QUANTIZED_PSUM),
                on(c, LAYER_SCALES));
    }

    private static boolean on(Config c, String key) {
        return c.hasPath(key) && c.getBoolean(key);
    }
}
