package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.classsr.train.TrainSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsComeFromReferenceConf() {
        Settings s = Settings.load(List.of(), Map.of());
        assertEquals(Path.of("models/classsr-fsrcnn"), s.model());
        assertEquals(64, s.engine().batchSize());
        assertEquals(64_000_000L, s.maxPixels());
        assertArrayEquals(new double[] {0, 0, 0}, s.engine().classBias());
    }

    @Test
    void laterLayersWin() throws IOException {
        Path a = Files.writeString(dir.resolve("a.conf"), "classsr.engine.batch-size = 8\nclasssr.input.max-pixels = 5");
        Path b = Files.writeString(dir.resolve("b.conf"), "classsr.engine.batch-size = 16");
        Settings s = Settings.load(List.of(a, b), Map.of("classsr.input.max-pixels", "7"));
        assertEquals(16, s.engine().batchSize());
        assertEquals(7, s.maxPixels());
    }

    @Test
    void shippedConfExamplesAreValid() {
        for (String name : new String[] {"local.conf", "quality.conf", "fast.conf"}) {
            Settings s = Settings.load(List.of(Path.of("conf", name)), Map.of());
            assertTrue(s.engine().batchSize() > 0, name);
        }
        assertTrue(Settings.load(List.of(Path.of("conf/quality.conf")), Map.of()).engine().bias(2) > 0);
    }

    @Test
    void badValuesAreClearErrors() {
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> Settings.load(List.of(), Map.of("classsr.engine.batch-size", "many")));
        assertTrue(type.getMessage().contains("batch-size"), type.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Settings.load(List.of(), Map.of("classsr.engine.batch-size", "0")));
        assertThrows(IllegalArgumentException.class,
                () -> Settings.load(List.of(), Map.of("classsr.output.format", "gif")));
        assertThrows(IllegalArgumentException.class, () -> Settings.load(List.of(dir.resolve("none.conf")), Map.of()));
    }

    @Test
    void branchStepsAreOneNumberOrOnePerBranch() {
        TrainSettings same = Settings.train(Settings.layered(List.of(),
                Map.of("classsr.train.branches.steps", "700")).getConfig("classsr.train"));
        assertEquals(List.of(700L, 700L, 700L), same.branches().steps());
        TrainSettings each = Settings.train(Settings.layered(List.of(),
                Map.of("classsr.train.branches.steps", "[300, 200, 100]")).getConfig("classsr.train"));
        assertEquals(List.of(300L, 200L, 100L), each.branches().steps());
        assertThrows(IllegalArgumentException.class, () -> Settings.train(Settings.layered(List.of(),
                Map.of("classsr.train.branches.steps", "[300, 200]")).getConfig("classsr.train")));
    }

    @Test
    void branchesAverageTheirWeightsOnlyWhenAsked() {
        assertEquals(0.0, Settings.train(Settings.layered(List.of(), Map.of()).getConfig("classsr.train"))
                .branches().averageDecay());
        assertEquals(0.998, Settings.train(Settings.layered(List.of(),
                Map.of("classsr.train.branches.average-decay", "0.998")).getConfig("classsr.train")).branches().averageDecay());
        assertThrows(IllegalArgumentException.class, () -> Settings.train(Settings.layered(List.of(),
                Map.of("classsr.train.branches.average-decay", "1")).getConfig("classsr.train")));
        assertEquals(0L, Settings.train(Settings.layered(List.of(), Map.of()).getConfig("classsr.train"))
                .branches().averageStart());
        assertEquals(1000L, Settings.train(Settings.layered(List.of(),
                Map.of("classsr.train.branches.average-start", "1000")).getConfig("classsr.train")).branches()
                .averageStart());
        assertEquals(3750L, Settings.train(Settings.layered(List.of(),
                Map.of("classsr.train.original.average-start", "3750")).getConfig("classsr.train")).original()
                .averageStart());
        assertThrows(IllegalArgumentException.class, () -> Settings.train(Settings.layered(List.of(),
                Map.of("classsr.train.branches.average-start", "-1")).getConfig("classsr.train")));
    }

    @Test
    void fsrcnnStartIsBilinearByDefaultAndCanBeXavier() {
        assertEquals(TrainSettings.Init.BILINEAR,
                Settings.train(Settings.layered(List.of(), Map.of()).getConfig("classsr.train")).init());
        assertEquals(TrainSettings.Init.XAVIER, Settings.train(Settings.layered(List.of(),
                Map.of("classsr.train.init", "Xavier")).getConfig("classsr.train")).init());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.train(
                Settings.layered(List.of(), Map.of("classsr.train.init", "zeros")).getConfig("classsr.train")));
        assertTrue(e.getMessage().contains("xavier or bilinear"), e.getMessage());
    }

    @Test
    void finetuneIsOffByDefaultAndTakesItsOperatingPoint() {
        TrainSettings dflt = Settings.train(Settings.layered(List.of(), Map.of()).getConfig("classsr.train"));
        assertEquals(0, dflt.finetune().steps());
        assertEquals(0.65, dflt.finetune().targetPaperFlops());
        TrainSettings on = Settings.train(Settings.layered(List.of(), Map.of("classsr.train.finetune.steps", "2000",
                "classsr.train.finetune.target-paper-flops", "0.5")).getConfig("classsr.train"));
        assertEquals(2000, on.finetune().steps());
        assertEquals(0.5, on.finetune().targetPaperFlops());
        assertEquals(300, on.withStage(org.classsr.train.TrainStage.FINETUNE, 300L, null, 1e-5).finetune().steps());
        assertEquals(org.classsr.train.PixelLoss.L1, dflt.finetune().loss());
        assertEquals(org.classsr.train.PixelLoss.L1, dflt.original().loss());
        TrainSettings l2 = Settings.train(Settings.layered(List.of(), Map.of("classsr.train.original.loss", "l2",
                "classsr.train.finetune.loss", "l2")).getConfig("classsr.train"));
        assertEquals(org.classsr.train.PixelLoss.L2, l2.original().loss());
        assertEquals(org.classsr.train.PixelLoss.L2, l2.withStage(org.classsr.train.TrainStage.ORIGINAL, 10L, null, null).original().loss());
        assertEquals(org.classsr.train.PixelLoss.L2, l2.finetune().loss());
        assertEquals(org.classsr.train.PixelWeighting.UNIFORM, dflt.original().weighting());
        assertEquals(org.classsr.train.PixelWeighting.UNIFORM, dflt.finetune().weighting());
        TrainSettings feather = Settings.train(Settings.layered(List.of(), Map.of(
                "classsr.train.original.weighting", "feather", "classsr.train.finetune.weighting", "FEATHER"))
                .getConfig("classsr.train"));
        assertEquals(org.classsr.train.PixelWeighting.FEATHER,
                feather.withStage(org.classsr.train.TrainStage.ORIGINAL, 10L, null, null).original().weighting());
        assertEquals(org.classsr.train.PixelWeighting.FEATHER,
                feather.withStage(org.classsr.train.TrainStage.FINETUNE, 10L, null, null).finetune().weighting());
        assertThrows(IllegalArgumentException.class, () -> Settings.train(Settings.layered(List.of(),
                Map.of("classsr.train.original.weighting", "gaussian")).getConfig("classsr.train")));
        assertThrows(IllegalArgumentException.class, () -> Settings.train(Settings.layered(List.of(),
                Map.of("classsr.train.finetune.steps", "-1")).getConfig("classsr.train")));
    }
}
