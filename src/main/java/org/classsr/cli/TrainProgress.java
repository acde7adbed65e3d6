package org.classsr.cli;

import java.io.PrintWriter;
import org.classsr.train.TrainListener;

/** Shows dataset and training progress with {@link Progress}: a bar on a terminal, lines otherwise. */
final class TrainProgress implements TrainListener {

    private final PrintWriter err;
    private Progress progress;

    TrainProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void begin(String task, long done, long total) {
        end();
        progress = Progress.start(task, total, err);
        progress.step((int) done);
    }

    @Override
    public void advance(long n) {
        if (progress != null) {
            progress.step((int) n);
        }
    }

    @Override
    public void message(String line) {
        if (progress != null) {
            progress.println(line);
        } else {
            err.println(line);
            err.flush();
        }
    }

    @Override
    public void end() {
        if (progress != null) {
            progress.close();
            progress = null;
        }
    }
}
