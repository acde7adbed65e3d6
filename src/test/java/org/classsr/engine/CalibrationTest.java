package org.classsr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ModelLoader;
import org.classsr.model.RoutingCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {

    @TempDir
    Path dir;

    @Test
    void bisectsTheKnobToTheSmallestShiftThatMeetsTheBudget() throws IOException {
        try (ClassSrModel model = ModelLoader.load(EngineTestModels.brightnessRouted(dir.resolve("m")))) {
            // d = 56, as the "-O" network
            RoutingCost cost = RoutingCost.of(model, null).withOriginal(model.branches().get(2).macs());
            Calibration calibration = new Calibration(model, cost);
            calibration.add(TestImages.ramp(400, 40));
            Calibration.Point zero = calibration.at(0);
            // Dark half simple, bright half hard: ratio between all-simple and all-hard.
            assertTrue(zero.classFraction()[0] > 0.3 && zero.classFraction()[2] > 0.3);

            double target = zero.paperFlopsRatio() - 0.1;
            Calibration.Point chosen = calibration.forBudget(target);
            assertTrue(chosen.b() > 0, "over budget: towards simple");
            assertTrue(chosen.paperFlopsRatio() <= target + 1e-12, chosen.toString());
            assertTrue(calibration.at(chosen.b() * 0.98).paperFlopsRatio() > target, "the smallest shift that meets it");
            assertTrue(chosen.classFraction()[0] > zero.classFraction()[0]);
            assertEquals(-chosen.b(), chosen.classBias()[2]);

            Calibration.Point generous = calibration.forBudget(zero.paperFlopsRatio() + 0.1);
            assertTrue(generous.b() < 0, "under budget: towards hard");
            assertTrue(generous.paperFlopsRatio() <= zero.paperFlopsRatio() + 0.1 + 1e-12);
        }
    }
}
