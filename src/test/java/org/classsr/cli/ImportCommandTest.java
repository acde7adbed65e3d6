package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.classsr.model.ModelLoader;
import org.classsr.model.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code classsr import}: a good checkpoint gives a loadable folder; every bad one one line and exit 2. */
class ImportCommandTest {

    private static final Path FIXTURES = Path.of("src/test/resources/checkpoints");

    @TempDir
    Path dir;

    private CliRun importAs(String arch, Path checkpoint) {
        return CliRun.of("import", "--arch", arch, checkpoint.toString(), "--output", dir.resolve("out").toString());
    }

    /**
     * Importing {@code checkpoint} as {@code arch}: exit 2, exactly one line on stderr, naming the file and containing
     * {@code reason}; nothing written.
     */
    private void assertRefused(String arch, Path checkpoint, String reason) {
        CliRun run = importAs(arch, checkpoint);
        assertEquals(2, run.exitCode(), run.err());
        String err = run.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("error: " + checkpoint + ": "), err);
        assertTrue(err.contains(reason), "expected '" + reason + "' in: " + err);
        assertFalse(Files.exists(dir.resolve("out").resolve(ModelSpec.FILE_NAME)));
    }

    @Test
    void importsAWholeClassSrCheckpointIntoALoadableFolder() {
        CliRun run = importAs("classsr-carn", FIXTURES.resolve("classsr-carn.pth"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("simple") && run.out().contains("hard"), run.out());
        ModelLoader.load(dir.resolve("out")).close();
    }

    @Test
    void refusesATruncatedZip() throws IOException {
        byte[] whole = Files.readAllBytes(FIXTURES.resolve("srresnet.pth"));
        Path cut = Files.write(dir.resolve("cut.pth"), Arrays.copyOf(whole, whole.length - 100));
        assertRefused("srresnet", cut, "truncated or corrupt zip archive");
    }

    @Test
    void refusesFilesThatAreNotCheckpoints() throws IOException {
        Path text = Files.writeString(dir.resolve("weights.pth"), "{\"conv\": [1, 2, 3]}\n");
        assertRefused("fsrcnn", text, "not a PyTorch checkpoint");
        assertRefused("fsrcnn", dir.resolve("absent.pth"), "no such file");
    }

    /** Every fixture that is not a good checkpoint of the arch asked for: what the one line says. */
    @ParameterizedTest(name = "{1} as {0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # not a checkpoint at all
            fsrcnn           | ../images/coffee-crop-160x120.png | not a PyTorch checkpoint
            # the legacy format
            srresnet         | legacy.pth                        | legacy format of torch.save before PyTorch 1.6
            # the wrong architecture, named by its first mismatch
            carn             | fsrcnn.pth                        | missing key entry.weight
            srresnet         | carn.pth                          | missing key conv_first.weight
            srresnet         | srresnet-badshape.pth             | key HRconv.weight has shape [4, 4, 1, 1] but srresnet (blocks 1, channels 4) needs [4, 4, 3, 3]
            srresnet         | srresnet-extra.pth                | unexpected key recon_trunk.0.conv3.weight
            # a single network as ClassSR, and the other way round
            carn             | classsr-carn.pth                  | use --arch classsr-carn
            classsr-srresnet | classsr-carn.pth                  | missing key net1.conv_first.weight
            classsr-carn     | carn.pth                          | use --arch carn
            # the wrong scale
            srresnet         | srresnet-x2.pth                   | an x2 srresnet
            """)
    void refusesABadFixture(String arch, String fixture, String reason) {
        assertRefused(arch, FIXTURES.resolve(fixture), reason);
    }

    @Test
    void refusesAnUnknownArchAndAFolderInUse() throws IOException {
        CliRun run = importAs("edsr", FIXTURES.resolve("fsrcnn.pth"));
        assertEquals(2, run.exitCode());
        assertEquals("error: unknown --arch 'edsr'; one of fsrcnn, carn, srresnet, rcan, classsr-fsrcnn, classsr-carn,"
                + " classsr-srresnet, classsr-rcan", run.err().strip());
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/keep.txt"), "mine");
        run = importAs("fsrcnn", FIXTURES.resolve("fsrcnn.pth"));
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("is not empty"), run.err());
        assertEquals("mine", Files.readString(dir.resolve("out/keep.txt")));
    }
}
