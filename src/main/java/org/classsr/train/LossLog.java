package org.classsr.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.classsr.files.AtomicFiles;

/**
 * A stage's {@code loss.csv}: one row per step ({@code step} = steps done after it), then the loss
 * terms, the learning rate, the step's wall seconds and any watched values (blank when not
 * measured on that step). On resume, rows after the checkpoint are dropped (they are redone), so
 * the log of a resumed run equals that of an uninterrupted one except for the seconds.
 */
final class LossLog implements AutoCloseable {

    private final Path file;
    private final List<String> columns;
    private final BufferedWriter out;

    private LossLog(Path file, List<String> columns, BufferedWriter out) {
        this.file = file;
        this.columns = columns;
        this.out = out;
    }

    /** Opens the log, keeping only the rows of steps {@code <= keepThrough}. */
    static LossLog open(Path file, List<String> columns, long keepThrough) throws IOException {
        String header = String.join(",", columns);
        List<String> kept = new ArrayList<>();
        kept.add(header);
        if (Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            // A log written before columns were appended (e.g. a validation watch) is kept, padded.
            String added = lines.isEmpty() || !header.startsWith(lines.get(0) + ",") ? ""
                    : ",".repeat(columns.size() - lines.get(0).split(",", -1).length);
            if (!lines.isEmpty() && (lines.get(0).equals(header) || !added.isEmpty())) {
                for (String line : lines.subList(1, lines.size())) {
                    line = line + added;
                    String[] f = line.split(",", -1);
                    if (f.length != columns.size()) {
                        continue; // a row cut by a kill
                    }
                    try {
                        if (Long.parseLong(f[0]) <= keepThrough) {
                            kept.add(line);
                        }
                    } catch (NumberFormatException e) {
                        // a damaged row: drop it
                    }
                }
            }
        }
        AtomicFiles.writeString(file, String.join("\n", kept) + "\n");
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return new LossLog(file, List.copyOf(columns), w);
    }

    void row(long step, double[] values) {
        StringBuilder sb = new StringBuilder().append(step);
        for (double v : values) {
            sb.append(',');
            if (!Double.isNaN(v)) {
                sb.append(String.format(Locale.ROOT, "%.6g", v));
            }
        }
        try {
            out.write(sb.append('\n').toString());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    List<String> columns() {
        return columns;
    }

    /** All rows of a log file as numbers (blank = NaN), header excluded. */
    static List<double[]> read(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.split(",", -1);
            double[] r = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                r[i] = f[i].isEmpty() ? Double.NaN : Double.parseDouble(f[i]);
            }
            rows.add(r);
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
