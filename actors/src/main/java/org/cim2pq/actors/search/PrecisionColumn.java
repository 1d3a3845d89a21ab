package org.cim2pq.actors.search;

import java.util.StringJoiner;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.space.TilePrecision;

/** A strategy's per-tile precisions in one compact CSV cell: {@code in/w/ps} bits per tile, tiles joined by {@code ;}. */
public final class PrecisionColumn {

    private PrecisionColumn() {}

    public static String render(CimSearchSpace space, String genomeEncoding) {
        StringJoiner cell = new StringJoiner(";");
        for (TilePrecision p : space.decode(IntGenome.decode(genomeEncoding))) {
            cell.add(p.inputBits() + "/" + p.weightBits() + "/" + p.partialSumBits());
        }
        return cell.toString();
    }
}
