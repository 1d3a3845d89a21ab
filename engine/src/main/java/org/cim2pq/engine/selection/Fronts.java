package org.cim2pq.engine.selection;

import java.util.Arrays;

/**
 * The result of non-dominated sorting: {@code rank[i]} is the front index (0 = non-dominated) of point i, and
 * {@code members[f]} lists the points of front f in ascending point index.
 */
public record Fronts(int[] rank, int[][] members) {

    public int count() {
        return members.length;
    }

    public int[] front(int f) {
        return members[f].clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fronts other && Arrays.equals(rank, other.rank) && Arrays.deepEquals(members, other.members);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rank);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(members);
    }
}
