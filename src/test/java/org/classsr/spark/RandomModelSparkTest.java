package org.classsr.spark;

import java.io.IOException;
import java.nio.file.Path;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A local[2] session and a small random ClassSR model with its "-O" network, in a folder shared by the class. */
abstract class RandomModelSparkTest extends LocalSparkTest {

    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void writeModel() throws IOException {
        model = TestModels.writeRandomPair(dir.resolve("models"), 7);
    }
}
