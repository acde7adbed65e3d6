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

/** {@code classsr import}: a good checkpoint gives a loadable folder; every bad one one line and exit 2. */
class ImportCommandTest {

    private static final Path FIXTURES = Path.of("src/test/resources/checkpoints");

    @TempDir
    Path dir;

    private CliRun importAs(String arch, Path checkpoint) {
        return CliRun.of("import", "--arch", arch, checkpoint.toString(), "--output", dir.resolve("out").toString());
    }

    /** Exit 2, exactly one line on stderr, naming the file and containing {@code reason}; nothing written. */
    private void assertRefused(CliRun run, Path checkpoint, String reason) {
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
        assertRefused(importAs("srresnet", cut), cut, "truncated or corrupt zip archive");
    }

    @Test
    void refusesFilesThatAreNotCheckpoints() throws IOException {
        Path png = FIXTURES.resolve("../images/coffee-crop-160x120.png");
        assertRefused(importAs("fsrcnn", png), png, "not a PyTorch checkpoint");
        Path text = Files.writeString(dir.resolve("weights.pth"), "{\"conv\": [1, 2, 3]}\n");
        assertRefused(importAs("fsrcnn", text), text, "not a PyTorch checkpoint");
        Path absent = dir.resolve("absent.pth");
        assertRefused(importAs("fsrcnn", absent), absent, "no such file");
    }

    @Test
    void refusesTheLegacyFormat() {
        Path legacy = FIXTURES.resolve("legacy.pth");
        assertRefused(importAs("srresnet", legacy), legacy, "legacy format of torch.save before PyTorch 1.6");
    }

    @Test
    void refusesTheWrongArchitectureNamingTheFirstMismatch() {
        Path fsrcnn = FIXTURES.resolve("fsrcnn.pth");
        assertRefused(importAs("carn", fsrcnn), fsrcnn, "missing key entry.weight");
        Path carn = FIXTURES.resolve("carn.pth");
        assertRefused(importAs("srresnet", carn), carn, "missing key conv_first.weight");
        Path badShape = FIXTURES.resolve("srresnet-badshape.pth");
        assertRefused(importAs("srresnet", badShape), badShape,
                "key HRconv.weight has shape [4, 4, 1, 1] but srresnet (blocks 1, channels 4) needs [4, 4, 3, 3]");
        Path extra = FIXTURES.resolve("srresnet-extra.pth");
        assertRefused(importAs("srresnet", extra), extra, "unexpected key recon_trunk.0.conv3.weight");
    }

    @Test
    void refusesASingleNetworkAsClassSrAndTheOtherWayRound() {
        Path whole = FIXTURES.resolve("classsr-carn.pth");
        assertRefused(importAs("carn", whole), whole, "use --arch classsr-carn");
        assertRefused(importAs("classsr-srresnet", whole), whole, "missing key net1.conv_first.weight");
        Path single = FIXTURES.resolve("carn.pth");
        assertRefused(importAs("classsr-carn", single), single, "use --arch carn");
    }

    @Test
    void refusesTheWrongScale() {
        Path x2 = FIXTURES.resolve("srresnet-x2.pth");
        assertRefused(importAs("srresnet", x2), x2, "an x2 srresnet");
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
