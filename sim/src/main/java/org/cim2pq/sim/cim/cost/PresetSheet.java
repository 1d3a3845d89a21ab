package org.cim2pq.sim.cim.cost;

import java.util.Arrays;
import java.util.Properties;

/** Reads a preset's properties file into a {@link HardwarePreset}; a missing or malformed key names itself. */
final class PresetSheet {

    private final String name;
    private final Properties p;

    private PresetSheet(String name, Properties p) {
        this.name = name;
        this.p = p;
    }

    static HardwarePreset parse(String name, Properties p) {
        PresetSheet s = new PresetSheet(name, p);
        String declared = s.text("name");
        if (!declared.equals(name)) {
            throw s.error("name", "declares '" + declared + "'");
        }
        return new HardwarePreset(name, s.text("source"), s.integer("technology.nm"), s.integer("array.rows"),
                s.integer("array.columns"), s.adc(), s.integer("adc.columns.per.adc"), s.number("array.read.ns"),
                s.flag("readout.overlapped"), s.number("crossbar.read.energy.pj"), s.number("crossbar.area.um2"),
                s.number("dac.energy.pj"), s.number("dac.area.um2"), s.number("column.readout.energy.pj"),
                s.number("column.readout.area.um2"), s.number("shift.add.energy.pj"),
                s.number("shift.add.energy.pj.per.adc.bit"), s.number("shift.add.area.um2"),
                s.number("shift.add.area.um2.per.adc.bit"), s.number("shift.add.per.array"),
                s.number("buffer.pj.per.bit"), s.number("periphery.area.um2.per.array"), s.integer("output.bits"));
    }

    private AdcTable adc() {
        String kind = text("adc.kind");
        if (!kind.equals("table")) {
            throw error("adc.kind", "is '" + kind + "', expected table (energy and area per resolution)");
        }
        return AdcTable.fromPublished(numbers("adc.energy.pj"), numbers("adc.area.um2"),
                integer("adc.table.first.bits"), number("adc.sar.clock.ghz"), number("adc.sar.extra.cycles"));
    }

    private String text(String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw error(key, "is missing");
        }
        return v.trim();
    }

    private double number(String key) {
        String v = text(key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw error(key, "is '" + v + "', not a number");
        }
    }

    private int integer(String key) {
        String v = text(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw error(key, "is '" + v + "', not an integer");
        }
    }

    private boolean flag(String key) {
        String v = text(key);
        if (!v.equals("true") && !v.equals("false")) {
            throw error(key, "is '" + v + "', expected true or false");
        }
        return Boolean.parseBoolean(v);
    }

    private double[] numbers(String key) {
        String v = text(key);
        try {
            return Arrays.stream(v.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw error(key, "is '" + v + "', not a comma-separated list of numbers");
        }
    }

    private IllegalArgumentException error(String key, String what) {
        return new IllegalArgumentException("preset " + name + ": " + key + " " + what);
    }
}
