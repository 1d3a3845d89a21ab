package org.cim2pq.ops.search;

import com.typesafe.config.Config;
import java.util.Locale;
import java.util.Map;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.WeightEncoding;

/**
 * What a search searches and on which arrays, as the user asked for it (METHOD.md sections 1 and 4): the crossbar
 * geometry ({@code array} as {@code RxC}, cell bits, weight encoding {@code differential} or {@code offset}), whether
 * the first and last layers are pinned to 8 bits, and whether the mutation is biased by each tile's measured
 * sensitivity. In a search's recorded configuration each is written only when it is not what every configuration
 * before it meant (the METHOD.md arrays, nothing pinned, no sensitivity), so those read as what they ran.
 */
public record SpaceChoices(String array, int cellBits, String encoding, boolean pinFirstLast, boolean sensitivity) {

    public static final String DEFAULT_ARRAY = ArrayConfig.DEFAULT_ROWS + "x" + ArrayConfig.DEFAULT_COLUMNS;
    public static final String DIFFERENTIAL = "differential";
    public static final String OFFSET = "offset";

    /** What a configuration without these keys means: the METHOD.md arrays, nothing pinned, unbiased mutation. */
    public static final SpaceChoices NONE = new SpaceChoices(DEFAULT_ARRAY, ArrayConfig.DEFAULT_CELL_BITS, DIFFERENTIAL,
            false, false);
    /** The command line's defaults (reference.conf): CIM2PQ's mutation, biased by measured sensitivity. */
    public static final SpaceChoices DEFAULT = new SpaceChoices(DEFAULT_ARRAY, ArrayConfig.DEFAULT_CELL_BITS,
            DIFFERENTIAL, false, true);

    static final String ARRAY = "array";
    static final String CELL_BITS = "cell-bits";
    static final String ENCODING = "encoding";
    static final String PIN_FIRST_LAST = "pin-first-last";
    static final String SENSITIVITY = "sensitivity";

    public SpaceChoices {
        array = array == null ? DEFAULT_ARRAY : array.toLowerCase(Locale.ROOT);
        encoding = encoding == null ? DIFFERENTIAL : encoding.toLowerCase(Locale.ROOT);
    }

    /**
     * The sim's array configuration; an IllegalArgumentException saying what is wrong when the geometry is not one
     * (e.g. too few columns for one output channel at 8 bits).
     */
    public ArrayConfig arrayConfig() {
        WeightEncoding e = switch (encoding) {
            case DIFFERENTIAL -> WeightEncoding.DIFFERENTIAL_PAIR;
            case OFFSET -> WeightEncoding.OFFSET_COLUMN;
            default -> throw new IllegalArgumentException("--encoding must be differential or offset, got '"
                    + encoding + "'");
        };
        if (!array.matches("[1-9][0-9]{0,4}x[1-9][0-9]{0,4}")) {
            throw new IllegalArgumentException("--array must be ROWSxCOLUMNS, e.g. 128x128, got '" + array + "'");
        }
        return ArrayConfig.builder().optSize(array).optCellBits(cellBits).optWeightEncoding(e).build();
    }

    /** Adds the choices that differ from {@link #NONE} to a configuration's keys. */
    void writeTo(Map<String, Object> m) {
        if (!array.equals(NONE.array)) {
            m.put(ARRAY, array);
        }
        if (cellBits != NONE.cellBits) {
            m.put(CELL_BITS, cellBits);
        }
        if (!encoding.equals(NONE.encoding)) {
            m.put(ENCODING, encoding);
        }
        if (pinFirstLast) {
            m.put(PIN_FIRST_LAST, true);
        }
        if (sensitivity) {
            m.put(SENSITIVITY, true);
        }
    }

    /** The choices a recorded configuration holds; an absent key is {@link #NONE}'s. */
    static SpaceChoices readFrom(Config c) {
        return new SpaceChoices(c.hasPath(ARRAY) ? c.getString(ARRAY) : NONE.array,
                c.hasPath(CELL_BITS) ? c.getInt(CELL_BITS) : NONE.cellBits,
                c.hasPath(ENCODING) ? c.getString(ENCODING) : NONE.encoding,
                c.hasPath(PIN_FIRST_LAST) && c.getBoolean(PIN_FIRST_LAST),
                c.hasPath(SENSITIVITY) && c.getBoolean(SENSITIVITY));
    }
}
