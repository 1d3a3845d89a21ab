package org.cim2pq.engine.selection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Structured reference points on the unit simplex (Das and Dennis 1998), as NSGA-III uses them: all points whose
 * coordinates are multiples of 1/p summing to 1, C(M+p-1, p) of them. For M >= 8 Deb and Jain use two layers, an
 * outer one with p1 divisions and an inner one with p2 divisions shrunk halfway to the centroid (w/2 + 1/(2M)), so
 * that few divisions still give interior points. Immutable; points in generation (lexicographic) order.
 */
public record ReferencePoints(double[][] points) {

    public ReferencePoints {
        points = deepCopy(points);
        if (points.length == 0) {
            throw new IllegalArgumentException("at least one reference point");
        }
    }

    /** One layer with {@code divisions} divisions. */
    public static ReferencePoints dasDennis(int objectives, int divisions) {
        if (objectives < 1 || divisions < 1) {
            throw new IllegalArgumentException("objectives and divisions must be >= 1");
        }
        List<double[]> out = new ArrayList<>();
        compose(new int[objectives], 0, divisions, divisions, out);
        return new ReferencePoints(out.toArray(double[][]::new));
    }

    /** Deb and Jain's two layers: outer {@code outerDivisions}, inner {@code innerDivisions} shrunk by half. */
    public static ReferencePoints twoLayer(int objectives, int outerDivisions, int innerDivisions) {
        double[][] outer = dasDennis(objectives, outerDivisions).points;
        double[][] inner = dasDennis(objectives, innerDivisions).points;
        double[][] all = Arrays.copyOf(outer, outer.length + inner.length);
        for (int i = 0; i < inner.length; i++) {
            double[] w = new double[objectives];
            for (int k = 0; k < objectives; k++) {
                w[k] = inner[i][k] / 2.0 + 1.0 / (2.0 * objectives);
            }
            all[outer.length + i] = w;
        }
        return new ReferencePoints(all);
    }

    /**
     * The settings of Deb and Jain 2014, Table I: M=3: p=12 (91); M=5: 6 (210); M=8: (3,2) (156); M=10: (3,2) (275);
     * M=15: (2,1) (135). Other M below 8: one layer with the largest p giving at most 300 points (at least 1);
     * other M >= 8: two layers, (3,2) up to M = 10 and (2,1) above, following the table's pattern.
     */
    public static ReferencePoints forObjectives(int m) {
        return switch (m) {
            case 2 -> dasDennis(2, 99);
            case 3 -> dasDennis(3, 12);
            case 5 -> dasDennis(5, 6);
            case 8 -> twoLayer(8, 3, 2);
            case 10 -> twoLayer(10, 3, 2);
            case 15 -> twoLayer(15, 2, 1);
            default -> {
                if (m >= 8) {
                    yield m <= 10 ? twoLayer(m, 3, 2) : twoLayer(m, 2, 1);
                }
                int p = 1;
                while (count(m, p + 1) <= 300) {
                    p++;
                }
                yield dasDennis(m, p);
            }
        };
    }

    /**
     * Points matched to a population of {@code populationSize} ({@code H ~ N}, METHOD.md sec. 4): one layer with the
     * largest p giving at most N points (at least p = 1), so that every reference point can hold a survivor and the
     * niching compares neighbours instead of leaving most points empty (four objectives, N = 12: p = 2, 10 points;
     * N = 20: p = 3, 20 points).
     */
    public static ReferencePoints forPopulation(int m, int populationSize) {
        if (m < 1 || populationSize < 1) {
            throw new IllegalArgumentException("objectives and population size must be >= 1");
        }
        int p = 1;
        while (count(m, p + 1) <= populationSize) {
            p++;
        }
        return dasDennis(m, p);
    }

    /** C(M + p - 1, p): the number of one-layer points. */
    public static long count(int m, int p) {
        long c = 1;
        for (int i = 1; i <= p; i++) {
            c = c * (m - 1 + i) / i;
        }
        return c;
    }

    private static void compose(int[] parts, int position, int left, int divisions, List<double[]> out) {
        if (position == parts.length - 1) {
            parts[position] = left;
            double[] w = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                w[i] = (double) parts[i] / divisions;
            }
            out.add(w);
            return;
        }
        for (int v = 0; v <= left; v++) {
            parts[position] = v;
            compose(parts, position + 1, left - v, divisions, out);
        }
    }

    public int size() {
        return points.length;
    }

    public int dimension() {
        return points[0].length;
    }

    public double[] point(int i) {
        return points[i].clone();
    }

    @Override
    public double[][] points() {
        return deepCopy(points);
    }

    /** Deb and Jain's population size: the smallest multiple of 4 not below the number of points (91 -> 92). */
    public int populationSize() {
        return (points.length + 3) / 4 * 4;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReferencePoints other && Arrays.deepEquals(points, other.points);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(points);
    }

    @Override
    public String toString() {
        return "ReferencePoints[" + points.length + " x M=" + dimension() + "]";
    }
}
