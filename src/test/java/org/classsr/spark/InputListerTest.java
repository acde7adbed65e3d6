package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputListerTest {

    @Test
    void outputNamesKeepTheStemAndTakeTheAskedFormat() {
        List<String> files = List.of("s3a://b/in/a.jpg", "s3a://b/in/b.tif", "s3a://b/in/c.gif", "/x/data.zip!/DIR/0001.png");
        assertEquals(Map.of("s3a://b/in/a.jpg", "a.jpg", "s3a://b/in/b.tif", "b.tif", "s3a://b/in/c.gif", "c.png",
                "/x/data.zip!/DIR/0001.png", "DIR/0001.png"), InputLister.outputNames(files, "same"));
        assertEquals("a.png", InputLister.outputNames(files, "png").get("s3a://b/in/a.jpg"));
    }

    @Test
    void twoInputsWithOneOutputNameAreRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputLister.outputNames(List.of("s3a://b/one/a.jpg", "s3a://b/x.png", "s3a://b/two/a.png"), "png"));
        assertTrue(e.getMessage().startsWith("s3a://b/one/a.jpg and s3a://b/two/a.png would both be written as a.*"),
                e.getMessage());
        // Archive members keep their folders, so the same file name in two folders is no clash.
        assertEquals(2, InputLister.outputNames(List.of("/x/d.zip!/A/1.png", "/x/d.zip!/B/1.png"), "same").size());
    }
}
