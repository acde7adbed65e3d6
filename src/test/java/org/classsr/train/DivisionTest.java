package org.classsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DivisionTest {

    @TempDir
    Path tmp;

    @Test
    void thresholdsSplitAKnownListIntoEqualThirds() {
        double[] psnr = {30, 21, 38, 25, 33, 22, 36, 27, 31};
        Division d = Division.of(psnr);
        // sorted: 21 22 25 | 27 30 31 | 33 36 38
        assertArrayEquals(new double[] {26, 32}, d.thresholds(), 1e-12);
        assertArrayEquals(new long[] {3, 3, 3}, d.counts());
        assertArrayEquals(new int[] {2, 1, 0, 1, 0, 2}, new int[] {d.classes()[1], d.classes()[0], d.classes()[2],
                d.classes()[7], d.classes()[6], d.classes()[3]});
        for (int i = 0; i < psnr.length; i++) {
            int expected = psnr[i] < 26 ? Division.HARD : psnr[i] < 32 ? Division.MEDIUM : Division.SIMPLE;
            assertEquals(expected, d.classes()[i]);
        }
    }

    @Test
    void tiesStillGiveEqualClasses() {
        Division d = Division.of(new double[] {20, 20, 20, 20, 20, 20, 40, 40, 40, 40, 40, 40});
        assertArrayEquals(new long[] {4, 4, 4}, d.counts());
    }

    @Test
    void scoresRoundTrip() throws IOException {
        Division d = Division.of(new double[] {30.25, 21.5, 38, 25, 33, 22, 36});
        d.writeScores(tmp);
        Division back = Division.read(tmp);
        assertArrayEquals(d.classes(), back.classes());
        assertArrayEquals(d.thresholds(), back.thresholds(), 1e-9);
    }

    @Test
    void scoresThatDifferInTheFifthDecimalRoundTrip() throws IOException {
        // rounded to 4 decimals these all tie, and a tie is split by sample order, not by score
        Division d = Division.of(new double[] {40.00004, 40.00001, 40.00003, 40.00002, 40.00005, 40.00000});
        d.writeScores(tmp);
        Division back = Division.read(tmp);
        assertArrayEquals(d.classes(), back.classes());
        assertArrayEquals(d.thresholds(), back.thresholds(), 0);
    }
}
