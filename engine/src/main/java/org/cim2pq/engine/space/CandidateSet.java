package org.cim2pq.engine.space;

import java.util.ArrayList;
import java.util.List;

/**
 * The bit widths a precision may take, strictly ascending, so a gene (an index into the set) that moves down means
 * fewer bits. At most 36 entries (one base-36 digit per gene in the encoding).
 */
public record CandidateSet(List<Integer> bits) {

    /** METHOD.md sec. 2 default for input and weight bits: 2..8. */
    public static final CandidateSet DEFAULT_INPUT_BITS = range(2, 8);
    /** METHOD.md sec. 2 default for weight bits: 2..8. */
    public static final CandidateSet DEFAULT_WEIGHT_BITS = range(2, 8);
    /** METHOD.md sec. 2 default for partial-sum (ADC) bits: 2..10. */
    public static final CandidateSet DEFAULT_PARTIAL_SUM_BITS = range(2, 10);

    public CandidateSet {
        bits = List.copyOf(bits);
        if (bits.isEmpty() || bits.size() > 36) {
            throw new IllegalArgumentException("a candidate set holds 1..36 widths: " + bits);
        }
        for (int i = 0; i < bits.size(); i++) {
            if (bits.get(i) < 1 || (i > 0 && bits.get(i) <= bits.get(i - 1))) {
                throw new IllegalArgumentException("candidate widths must be >= 1 and strictly ascending: " + bits);
            }
        }
    }

    public static CandidateSet of(Integer... bits) {
        return new CandidateSet(List.of(bits));
    }

    /** {@code from..to} inclusive. */
    public static CandidateSet range(int from, int to) {
        List<Integer> b = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            b.add(i);
        }
        return new CandidateSet(b);
    }

    public int size() {
        return bits.size();
    }

    public int bitsAt(int index) {
        return bits.get(index);
    }

    /** The index of exactly {@code b} bits, or -1. */
    public int indexOf(int b) {
        return bits.indexOf(b);
    }

    /** The index of the candidate closest to {@code b} bits (the smaller one on a tie). */
    public int nearestIndex(int b) {
        int best = 0;
        for (int i = 1; i < bits.size(); i++) {
            if (Math.abs(bits.get(i) - b) < Math.abs(bits.get(best) - b)) {
                best = i;
            }
        }
        return best;
    }
}
