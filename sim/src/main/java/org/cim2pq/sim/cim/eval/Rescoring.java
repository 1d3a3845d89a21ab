package org.cim2pq.sim.cim.eval;

import java.util.Locale;
import java.util.Objects;

import org.cim2pq.sim.cim.inference.Fidelity;

/**
 * Re-scores strategies found on a proxy machine on the machine they stand for (METHOD.md section 2): a psum search
 * may serve as a fast proxy for the bitserial machine only if every figure it reports is re-evaluated, accuracy and
 * cost together, on the bitserial machine and labelled so. This class does the re-evaluation; the caller builds the
 * target machine's evaluator on the same network, data, array and preset as the proxy's.
 */
public final class Rescoring {

    private final CimEvaluator proxy;
    private final CimEvaluator target;

    /**
     * @param proxy the evaluator the strategies were scored on
     * @param target the evaluator of the machine to re-score on: the same tiling and preset, another fidelity
     */
    public Rescoring(CimEvaluator proxy, CimEvaluator target) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.target = Objects.requireNonNull(target, "target");
        if (proxy.fidelity() == target.fidelity()) {
            throw new IllegalArgumentException("re-scoring needs another machine, both are " + name(proxy.fidelity()));
        }
        if (!proxy.tiling().equals(target.tiling())) {
            throw new IllegalArgumentException("re-scoring needs the same network on the same arrays");
        }
        if (!proxy.costModel().preset().equals(target.costModel().preset())) {
            throw new IllegalArgumentException("re-scoring needs the same hardware preset, got "
                    + proxy.costModel().preset().name() + " and " + target.costModel().preset().name());
        }
    }

    /** The machine the strategies were found on. */
    public Fidelity searchedOn() {
        return proxy.fidelity();
    }

    /** The machine every reported figure describes. */
    public Fidelity scoredOn() {
        return target.fidelity();
    }

    /** {@code proxyResult}'s strategy evaluated on the target machine: its accuracy and its cost. */
    public Rescored rescore(Evaluation proxyResult) {
        return new Rescored(proxy.fidelity(), target.fidelity(), proxyResult, target.evaluate(proxyResult.strategy()));
    }

    /**
     * One strategy's figures on both machines.
     *
     * @param searchedOn the proxy machine
     * @param scoredOn the machine of {@link #evaluation()}
     * @param proxy the figures on the proxy (for comparison only; not to be reported as the strategy's)
     * @param evaluation the figures on the target machine: what a report shows
     */
    public record Rescored(Fidelity searchedOn, Fidelity scoredOn, Evaluation proxy, Evaluation evaluation) {

        /** The label a report gives these figures, e.g. {@code bitserial (re-scored; searched on psum)}. */
        public String label() {
            return name(scoredOn) + " (re-scored; searched on " + name(searchedOn) + ")";
        }
    }

    private static String name(Fidelity f) {
        return f.name().toLowerCase(Locale.ROOT);
    }
}
