package org.cim2pq.sim.cim.noise;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The non-idealities of one analog CIM technology, as data: each profile is a resource file
 * {@code profiles/<name>.properties} beside this class whose every value cites its source (METHOD.md section 3b,
 * {@code docs/sim-noise.md}). They act on both machines: per column count on the bitserial one, per output channel's analog sum
 * on the psum one. All sigmas
 * are of Gaussian distributions.
 *
 * @param name profile name in configuration ({@code --noise}, {@code cim2pq.noise})
 * @param source where the numbers come from
 * @param programmingSigmaUs programming noise: the sigma of a programmed conductance as a polynomial in
 *        {@code g / gMax}, coefficients {@code c_0, c_1, ...} in uS ({@code sigma(g) = sum_i c_i (g / gMax)^i})
 * @param gMaxUs the conductance of the top cell level, uS (the polynomial's reference)
 * @param readSigma read noise: additive sigma per cell per read, as a fraction of {@code gMax}
 * @param stuckOffRate fraction of cells stuck at the lowest conductance (level 0)
 * @param stuckOnRate fraction of cells stuck at the highest conductance (the top level)
 * @param columnNoiseSigma analog output noise per conversion, as a fraction of one cell at {@code gMax} read with
 *        input 1
 * @param adcOffsetSigmaLsb static offset of each ADC, LSB of that ADC
 * @param adcGainSigma static relative gain error of each ADC
 * @param adcNoiseSigmaLsb comparator noise per conversion, LSB
 */
public record NoiseProfile(String name, String source, double[] programmingSigmaUs, double gMaxUs, double readSigma,
                           double stuckOffRate, double stuckOnRate, double columnNoiseSigma, double adcOffsetSigmaLsb,
                           double adcGainSigma, double adcNoiseSigmaLsb) {

    /** The shipped profiles, by name; each is {@code profiles/<name>.properties}. */
    public static final List<String> NAMES = List.of("ideal", "typical-rram", "faulty-rram");
    /** The default profile: no non-ideality. */
    public static final String DEFAULT = "ideal";
    /** The ideal machine. */
    public static final NoiseProfile IDEAL = byName(DEFAULT);

    public NoiseProfile {
        programmingSigmaUs = programmingSigmaUs.clone();
        if (!(gMaxUs > 0)) {
            throw new IllegalArgumentException("noise profile " + name + ": cell.gmax.us must be positive");
        }
        for (double v : new double[] {readSigma, stuckOffRate, stuckOnRate, columnNoiseSigma, adcOffsetSigmaLsb,
            adcGainSigma, adcNoiseSigmaLsb}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("noise profile " + name + ": sigmas and rates must be >= 0");
            }
        }
        if (stuckOffRate + stuckOnRate > 1) {
            throw new IllegalArgumentException("noise profile " + name + ": stuck-at rates add up to more than 1");
        }
    }

    @Override
    public double[] programmingSigmaUs() {
        return programmingSigmaUs.clone();
    }

    /** Whether nothing is perturbed: the evaluations are those of the noiseless datapath, bit for bit. */
    public boolean isIdeal() {
        return Arrays.stream(programmingSigmaUs).allMatch(c -> c == 0) && readSigma == 0 && stuckOffRate == 0
                && stuckOnRate == 0 && columnNoiseSigma == 0 && adcOffsetSigmaLsb == 0 && adcGainSigma == 0
                && adcNoiseSigmaLsb == 0;
    }

    /** Whether any cell is perturbed (programming noise or stuck-at faults): the crossbar then holds conductances. */
    public boolean perturbsCells() {
        return Arrays.stream(programmingSigmaUs).anyMatch(c -> c != 0) || stuckOffRate > 0 || stuckOnRate > 0;
    }

    /**
     * The programming sigma of a cell at {@code level} of {@code topLevel}, in level steps: the polynomial at
     * {@code g / gMax = level / topLevel}, over the conductance of one step {@code gMax / topLevel}.
     */
    public double programmingSigmaSteps(int level, int topLevel) {
        double x = (double) level / topLevel;
        double sigma = 0;
        double power = 1;
        for (double c : programmingSigmaUs) {
            sigma += c * power;
            power *= x;
        }
        return Math.max(sigma, 0) / (gMaxUs / topLevel);
    }

    /** The profile named {@code name} (case-insensitive). */
    public static NoiseProfile byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(key)) {
            throw new IllegalArgumentException("unknown noise profile '" + name + "', known: " + NAMES);
        }
        String resource = "profiles/" + key + ".properties";
        try (InputStream in = NoiseProfile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("noise profile resource " + resource + " missing from the classpath");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(key, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read noise profile " + resource, e);
        }
    }

    static NoiseProfile parse(String name, Properties p) {
        if (!name.equals(text(name, p, "name"))) {
            throw new IllegalArgumentException("noise profile " + name + ": declares '" + text(name, p, "name") + "'");
        }
        String[] poly = text(name, p, "cell.programming.sigma.us").split(",");
        double[] coefficients = new double[poly.length];
        for (int i = 0; i < poly.length; i++) {
            coefficients[i] = number(name, "cell.programming.sigma.us", poly[i]);
        }
        return new NoiseProfile(name, text(name, p, "source"), coefficients, number(name, p, "cell.gmax.us"),
                number(name, p, "cell.read.sigma"), number(name, p, "cell.stuck.off.rate"),
                number(name, p, "cell.stuck.on.rate"), number(name, p, "column.noise.sigma"),
                number(name, p, "adc.offset.sigma.lsb"), number(name, p, "adc.gain.sigma"),
                number(name, p, "adc.noise.sigma.lsb"));
    }

    private static String text(String name, Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("noise profile " + name + ": " + key + " is missing");
        }
        return v.trim();
    }

    private static double number(String name, Properties p, String key) {
        return number(name, key, text(name, p, key));
    }

    private static double number(String name, String key, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("noise profile " + name + ": " + key + " is '" + v + "', not a number");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoiseProfile n && name.equals(n.name) && source.equals(n.source)
                && Arrays.equals(programmingSigmaUs, n.programmingSigmaUs) && gMaxUs == n.gMaxUs
                && readSigma == n.readSigma && stuckOffRate == n.stuckOffRate && stuckOnRate == n.stuckOnRate
                && columnNoiseSigma == n.columnNoiseSigma && adcOffsetSigmaLsb == n.adcOffsetSigmaLsb
                && adcGainSigma == n.adcGainSigma && adcNoiseSigmaLsb == n.adcNoiseSigmaLsb;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(programmingSigmaUs);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s)", name, source);
    }
}
