package org.cim2pq.sim.train;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

/** Receives training progress; {@link #printingTo} is what the CLI shows. */
public interface TrainingProgress {

    /**
     * Called every few batches and at the end of every epoch.
     *
     * @param epoch 1-based
     * @param batch 1-based batch within the epoch
     * @param batches batches per epoch
     * @param meanLoss mean training loss over the epoch so far
     * @param learningRate current learning rate
     * @param imagesPerSecond training throughput over the epoch so far
     */
    void batch(int epoch, int epochs, int batch, int batches, double meanLoss, float learningRate,
               double imagesPerSecond);

    /** Called after each epoch with the accuracy on the monitoring set ({@code NaN} when none is measured). */
    void epochEnd(int epoch, int epochs, double meanLoss, double monitorAccuracy, double seconds);

    /** No output. */
    TrainingProgress SILENT = new TrainingProgress() {
        @Override
        public void batch(int e, int es, int b, int bs, double l, float lr, double ips) {
        }

        @Override
        public void epochEnd(int e, int es, double l, double a, double s) {
        }
    };

    /** One line per report on {@code out}. */
    static TrainingProgress printingTo(PrintStream out) {
        return printingTo(new PrintWriter(out, true));
    }

    /** One line per report on {@code out} (flushed, so a log shows progress as it happens). */
    static TrainingProgress printingTo(PrintWriter out) {
        return new TrainingProgress() {
            @Override
            public void batch(int epoch, int epochs, int batch, int batches, double meanLoss, float lr,
                              double imagesPerSecond) {
                out.printf(Locale.ROOT, "epoch %d/%d batch %d/%d loss %.4f lr %.4f %.0f img/s%n", epoch, epochs,
                        batch, batches, meanLoss, lr, imagesPerSecond);
                out.flush();
            }

            @Override
            public void epochEnd(int epoch, int epochs, double meanLoss, double accuracy, double seconds) {
                out.printf(Locale.ROOT, "epoch %d/%d done: loss %.4f, monitor accuracy %.4f, %.1f s%n", epoch,
                        epochs, meanLoss, accuracy, seconds);
                out.flush();
            }
        };
    }
}
