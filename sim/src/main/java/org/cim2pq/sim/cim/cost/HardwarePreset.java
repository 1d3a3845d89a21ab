package org.cim2pq.sim.cim.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The technology constants of one CIM design, as data: each preset is a resource file
 * {@code presets/<name>.properties} beside this class whose every value cites its source (METHOD.md section 3). Add
 * a preset by adding a file and its name to {@link #NAMES}, not by branching in code.
 *
 * @param name preset name used in configuration ({@code --preset}, {@code cim2pq.preset})
 * @param source where the numbers come from
 * @param technologyNm technology node, nm
 * @param referenceRows rows of the array the source's crossbar figures describe
 * @param referenceColumns columns of that array
 * @param adc the ADC by resolution (energy, conversion time, area)
 * @param columnsPerAdc columns that share one ADC (the source's provisioning)
 * @param readNs time for one crossbar read to settle, ns
 * @param overlappedReadout whether sample-and-hold lets the conversions of one read overlap the next read (a cycle
 *        is then the longer of the two, else their sum)
 * @param crossbarReadEnergyPj energy of one read of the whole reference array, pJ
 * @param crossbarAreaUm2 area of the reference array, um^2
 * @param dacEnergyPj energy of one 1-bit DAC drive (one row, one input cycle), pJ
 * @param dacAreaUm2 area of one row DAC, um^2
 * @param columnReadoutEnergyPj energy of bringing one column to its ADC for one conversion (ISAAC's sample-and-hold,
 *        NeuroSim's column multiplexer), pJ
 * @param columnReadoutAreaUm2 area of that circuit per column, um^2
 * @param shiftAddEnergyPj energy of one shift-add (one ADC output accumulated), pJ, at 0 ADC bits
 * @param shiftAddEnergyPjPerAdcBit the shift-add energy's growth per ADC bit (its adder and register widen), pJ
 * @param shiftAddAreaUm2 area of one shift-add unit at 0 ADC bits, um^2
 * @param shiftAddAreaUm2PerAdcBit the shift-add area's growth per ADC bit, um^2
 * @param shiftAddsPerArray shift-add units per array
 * @param bufferPjPerBit energy per bit moved in and out of a tile's buffers, pJ
 * @param peripheryAreaUm2PerArray buffers and other periphery attributed to one array, um^2
 * @param outputBits width of a tile's output sent to the digital side, bits
 */
public record HardwarePreset(String name, String source, int technologyNm, int referenceRows, int referenceColumns,
                             AdcTable adc, int columnsPerAdc, double readNs, boolean overlappedReadout,
                             double crossbarReadEnergyPj, double crossbarAreaUm2, double dacEnergyPj,
                             double dacAreaUm2, double columnReadoutEnergyPj, double columnReadoutAreaUm2,
                             double shiftAddEnergyPj, double shiftAddEnergyPjPerAdcBit, double shiftAddAreaUm2,
                             double shiftAddAreaUm2PerAdcBit, double shiftAddsPerArray, double bufferPjPerBit,
                             double peripheryAreaUm2PerArray, int outputBits) {

    /** The shipped presets, by name; each is {@code presets/<name>.properties}. */
    public static final List<String> NAMES = List.of("isaac-32nm", "neurosim-22nm");
    /** The default preset. */
    public static final String DEFAULT = "isaac-32nm";
    /** ISAAC at 32 nm (the default). */
    public static final HardwarePreset ISAAC_32NM = byName("isaac-32nm");

    /** The shipped presets. */
    public static List<HardwarePreset> presets() {
        return NAMES.stream().map(HardwarePreset::byName).toList();
    }

    /** Energy of reading one cell for one cycle, pJ: the array read energy over the reference array's cells. */
    public double cellReadEnergyPj() {
        return crossbarReadEnergyPj / ((double) referenceRows * referenceColumns);
    }

    /** Area of one cell, um^2. */
    public double cellAreaUm2() {
        return crossbarAreaUm2 / ((double) referenceRows * referenceColumns);
    }

    /** Energy of one shift-add after a {@code adcBits}-bit conversion, pJ. */
    public double shiftAddEnergyPj(int adcBits) {
        return shiftAddEnergyPj + shiftAddEnergyPjPerAdcBit * adcBits;
    }

    /** Area of one shift-add unit after {@code adcBits}-bit ADCs, um^2. */
    public double shiftAddAreaUm2(int adcBits) {
        return shiftAddAreaUm2 + shiftAddAreaUm2PerAdcBit * adcBits;
    }

    /** ADCs serving an array of {@code columns} columns: {@code ceil(columns / columnsPerAdc)}. */
    public int adcsPerArray(int columns) {
        return (columns + columnsPerAdc - 1) / columnsPerAdc;
    }

    /** The preset named {@code name} (case-insensitive). */
    public static HardwarePreset byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(key)) {
            throw new IllegalArgumentException("unknown hardware preset '" + name + "', known: " + NAMES);
        }
        String resource = "presets/" + key + ".properties";
        try (InputStream in = HardwarePreset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("preset resource " + resource + " missing from the classpath");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return PresetSheet.parse(key, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read preset " + resource, e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s)", name, source);
    }
}
