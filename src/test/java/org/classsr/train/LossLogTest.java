package org.classsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossLogTest {

    @TempDir
    Path tmp;

    @Test
    void resumingKeepsRowsUpToTheCheckpointAndDropsCutOnes() throws IOException {
        Path csv = tmp.resolve("loss.csv");
        Files.writeString(csv, "step,l1,lr,seconds\n1,0.5,0.001,0.1\n2,0.4,0.001,0.1\n3,0.3,0.001,0.1\n4,0.2\n");
        try (LossLog log = LossLog.open(csv, List.of("step", "l1", "lr", "seconds"), 2)) {
            log.row(3, new double[] {0.25, 0.001, 0.2});
        }
        List<double[]> rows = LossLog.read(csv);
        assertEquals(3, rows.size());
        assertArrayEquals(new double[] {3, 0.25, 0.001, 0.2}, rows.get(2), 1e-12);
    }

    @Test
    void aLogWithoutNewlyAppendedColumnsIsKeptWithThemBlank() throws IOException {
        Path csv = tmp.resolve("loss.csv");
        Files.writeString(csv, "step,l1,lr,seconds\n1,0.5,0.001,0.1\n2,0.4,0.001,0.1\n");
        List<String> columns = List.of("step", "l1", "lr", "seconds", "val_psnr_y", "val_gain_db");
        try (LossLog log = LossLog.open(csv, columns, 2)) {
            log.row(3, new double[] {0.3, 0.001, 0.1, 30.5, 0.25});
        }
        assertEquals(String.join(",", columns), Files.readAllLines(csv).get(0));
        List<double[]> rows = LossLog.read(csv);
        assertEquals(3, rows.size());
        assertArrayEquals(new double[] {2, 0.4, 0.001, 0.1, Double.NaN, Double.NaN}, rows.get(1), 1e-12);
        assertArrayEquals(new double[] {3, 0.3, 0.001, 0.1, 30.5, 0.25}, rows.get(2), 1e-12);
    }

    @Test
    void aLogOfOtherColumnsStartsOver() throws IOException {
        Path csv = tmp.resolve("loss.csv");
        Files.writeString(csv, "step,total,lr\n1,0.5,0.001\n");
        try (LossLog log = LossLog.open(csv, List.of("step", "l1", "lr", "seconds"), 5)) {
            log.flush();
        }
        assertEquals(List.of("step,l1,lr,seconds"), Files.readAllLines(csv));
    }
}
