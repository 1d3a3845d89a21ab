package org.cim2pq.sim.models;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import org.cim2pq.sim.data.ImageSet;
import org.cim2pq.sim.network.FoldableBlock;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.FoldedProgram;

/**
 * A trained network with its provenance, ready for inference. Holds native memory (a DJL {@link Model}): close it.
 */
public final class TrainedModel implements AutoCloseable {

    private final Model model;
    private final FoldableBlock block;
    private final ModelProvenance provenance;

    /** Takes ownership of {@code model} (closed with this object); {@code block} must be its initialised block. */
    public TrainedModel(Model model, FoldableBlock block, ModelProvenance provenance) {
        this.model = model;
        this.block = block;
        this.provenance = provenance;
    }

    public ModelProvenance provenance() {
        return provenance;
    }

    /** The DJL network (initialised, trained parameters). */
    public FoldableBlock block() {
        return block;
    }

    /** The manager that owns the parameters; give per-call work a sub-manager of it. */
    public NDManager manager() {
        return model.getNDManager();
    }

    /**
     * The BN-folded program of this network, named {@code <model>-<dataset>}; weights are copies, so it outlives
     * this object.
     */
    public FoldedNetwork fold() {
        FoldedProgram program = new FoldedProgram();
        String out = block.appendFolded(program, "", FoldedNetwork.INPUT);
        return program.toNetwork(provenance.model() + "-" + provenance.dataset(), provenance.inputShape(), out);
    }

    /**
     * FP reference logits ({@code [n][classes]}) of {@code n} images of {@code set} from {@code first}, normalised
     * with the model's own normalisation.
     */
    public float[][] logits(ImageSet set, int first, int n) {
        requireCompatible(set);
        return ReferenceForward.logits(block, manager(), provenance.normalization().normalize(set, first, n), n,
                set.imageShape());
    }

    /** FP reference logits of already normalised NCHW images. */
    public float[][] logits(float[] normalized, int n) {
        return ReferenceForward.logits(block, manager(), normalized, n, provenance.inputShape());
    }

    /** FP reference top-1 accuracy on all of {@code set}. */
    public double accuracy(ImageSet set) {
        requireCompatible(set);
        return ReferenceForward.accuracy(block, manager(), provenance.normalization(), set);
    }

    private void requireCompatible(ImageSet set) {
        if (!java.util.Arrays.equals(set.imageShape(), provenance.inputShape()) || set.classes() != provenance.classes()) {
            throw new IllegalArgumentException(set + " does not fit model " + provenance.model() + "/"
                    + provenance.dataset() + " (input " + java.util.Arrays.toString(provenance.inputShape()) + ", "
                    + provenance.classes() + " classes)");
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
