package org.classsr.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on a terminal; on a pipe or in CI (no console) only the per-item lines, so
 * logs are not flooded with redraws.
 */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;
    private final PrintWriter err;

    private Progress(ProgressBar bar, PrintWriter err) {
        this.bar = bar;
        this.err = err;
    }

    static Progress start(String unit, long total, PrintWriter err) {
        if (System.console() == null) {
            return new Progress(null, err);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(unit).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(250).build();
        return new Progress(bar, err);
    }

    void step(int n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    void println(String line) {
        if (bar != null) {
            bar.pause();
            System.err.print("\r");
        }
        err.println(line);
        err.flush();
        if (bar != null) {
            bar.resume();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
