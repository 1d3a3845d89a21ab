package org.cim2pq.persistence.query;

import org.cim2pq.persistence.event.SearchEvent;

/**
 * A front strategy's top-1 accuracy on the held-out images (METHOD.md section 5), in percent, with its 95% interval,
 * computed from the counts its {@code StrategyReevaluated} journals.
 *
 * <p>The interval is Wilson's score interval (Wilson 1927) for a binomial proportion at z = 1.96: it stays inside
 * [0, 100] and keeps close to 95% coverage at accuracies near 100% and small image counts, where the normal
 * approximation does not. Under a noise profile the accuracy is the mean over the draws (correct classifications over
 * all classifications); the interval is Wilson's at that mean with n = the held-out image count (the images are the
 * sample; the draws reuse them), and the draws' spread is given beside it ({@code std}, {@code min}, {@code max} of
 * the per-draw accuracies, the evaluator's {@code top1.accuracy.*} metrics).
 *
 * @param images held-out images (per draw)
 * @param top1 accuracy in percent
 * @param low95 lower end of the 95% interval, percent
 * @param high95 upper end, percent
 * @param draws noise draws averaged (1 on the ideal machine)
 * @param std sample standard deviation of the per-draw accuracies, percent (NaN when ideal)
 * @param min lowest per-draw accuracy, percent (NaN when ideal)
 * @param max highest per-draw accuracy, percent (NaN when ideal)
 */
public record HeldOutAccuracy(int images, double top1, double low95, double high95, int draws, double std, double min,
                              double max) {

    /** The two-sided 95% normal quantile. */
    public static final double Z95 = 1.959963984540054;

    /** The held-out figures of {@code r}, a re-evaluation under a held-out protocol. */
    public static HeldOutAccuracy of(SearchEvent.StrategyReevaluated r) {
        SearchEvent.EvaluationProtocol p = r.protocol();
        if (!p.isHeldOut() || r.top1Classified() == 0) {
            throw new IllegalArgumentException(r.id() + " under " + p + " has no held-out counts");
        }
        double accuracy = r.top1Correct() / (double) r.top1Classified();
        double[] interval = wilson(accuracy, p.imageCount());
        boolean noisy = p.noiseDraws() > 0 && !p.noiseProfile().isEmpty();
        return new HeldOutAccuracy(p.imageCount(), 100 * accuracy, 100 * interval[0], 100 * interval[1],
                noisy ? p.noiseDraws() : 1, noisy ? 100 * r.metric("top1.accuracy.std") : Double.NaN,
                noisy ? 100 * r.metric("top1.accuracy.min") : Double.NaN,
                noisy ? 100 * r.metric("top1.accuracy.max") : Double.NaN);
    }

    /** Wilson's 95% score interval {low, high} of a proportion {@code p} observed on {@code n} trials. */
    public static double[] wilson(double p, int n) {
        if (n <= 0 || p < 0 || p > 1) {
            throw new IllegalArgumentException("proportion " + p + " of " + n);
        }
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // exact ends at no and at every success (the formula gives them up to rounding)
        return new double[] {p == 0 ? 0 : Math.max(0, centre - half), p == 1 ? 1 : Math.min(1, centre + half)};
    }
}
