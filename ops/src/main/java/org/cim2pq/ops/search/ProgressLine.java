package org.cim2pq.ops.search;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.cim2pq.actors.search.SearchActor;

/**
 * The live progress display: generation, evaluations done/total, evaluations per second, ETA, front size and
 * hypervolume. On a terminal it redraws one line; otherwise (logs, CI) it prints a line every 10 s.
 */
final class ProgressLine {

    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long startEvaluations = -1;
    private long lastPrintNanos;

    ProgressLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void update(SearchActor.Progress p, int population) {
        long now = System.nanoTime();
        if (startEvaluations < 0) {
            startEvaluations = p.evaluations();
        }
        if (!terminal && now - lastPrintNanos < Duration.ofSeconds(10).toNanos() && !p.completed()) {
            return;
        }
        lastPrintNanos = now;
        double seconds = (now - startNanos) / 1e9;
        double rate = (p.evaluations() - startEvaluations) / Math.max(seconds, 1e-9);
        long total = (long) population * (p.generations() + 1);
        long done = Math.max(0, (long) population * Math.max(p.generation(), 0) + p.resolvedBirths());
        long remaining = Math.max(0, total - done);
        String eta = rate > 0 && !p.completed() ? format(Duration.ofSeconds((long) (remaining / rate))) : "-";
        String line = String.format(Locale.ROOT,
                "generation %d/%d  evaluations %d/%d  %.2f eval/s  ETA %s  front %d  HV %s%s",
                Math.max(p.generation(), 0), p.generations(), done, total, rate, eta, p.frontSize(),
                Double.isNaN(p.hypervolume()) ? "-" : String.format(Locale.ROOT, "%.4f", p.hypervolume()),
                p.failed() > 0 ? "  failed " + p.failed() : "");
        if (terminal) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    void finish() {
        if (terminal) {
            out.println();
        }
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? (s / 3600) + "h" + (s % 3600 / 60) + "m" : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }
}
