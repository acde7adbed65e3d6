package org.classsr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The untrained models' specs: the paper's widths, hence its per-branch FLOPs; no weights needed. */
class UntrainedModelsTest {

    /** Paper GFLOPs per 32x32 LR tile (ClassSR paper, Kong et al. 2021): simple, medium, hard; hard is the "-O" width. */
    private static final Map<String, double[]> PAPER_G = Map.of(
            "fsrcnn", new double[] {0.1413, 0.3046, 0.4679},
            "carn", new double[] {0.38, 0.77, 1.15},
            "srresnet", new double[] {1.66, 3.44, 5.20},
            "rcan", new double[] {10.33, 19.90, 32.60});

    private static double paperG(ModelSpec spec, NetworkEntry e) {
        return 2.0 * NetworkRegistry.factory(e.spec().arch()).paperMacs(e.spec(), spec.tileSize(), spec.scale()) / 1e9;
    }

    @Test
    void everyArchitectureHasThePapersWidthsAndFlops() {
        assertEquals(List.of("fsrcnn", "carn", "srresnet", "rcan", "classsr-fsrcnn", "classsr-carn", "classsr-srresnet",
                "classsr-rcan"), UntrainedModels.archs());
        for (String family : PAPER_G.keySet()) {
            double[] g = PAPER_G.get(family);
            ModelSpec o = UntrainedModels.spec(family, null, 1);
            assertNull(o.classifier());
            assertEquals(List.of("all"), o.classNames());
            assertEquals(family + "-o", o.name());
            assertEquals(g[2], paperG(o, o.branches().get(0)), 0.005 * g[2], family + "-O");

            ModelSpec c = UntrainedModels.spec("classsr-" + family, "../" + family + "-o", 1);
            assertEquals(List.of("simple", "medium", "hard"), c.classNames());
            assertEquals("../" + family + "-o", c.original());
            assertEquals(NetworkRegistry.CLASSIFIER, c.classifier().spec().arch());
            for (int k = 0; k < 3; k++) {
                assertEquals(g[k], paperG(c, c.branches().get(k)), 0.005 * g[k], family + " branch " + k);
            }
            assertEquals(UntrainedModels.UNTRAINED, c.provenance().get("trained-with"));
            assertEquals(32, c.tileSize());
            assertEquals(28, c.tileStep());
            assertEquals(4, c.scale());
        }
        assertEquals(Map.of("channels", 64, "groups", 10, "blocks", 20),
                UntrainedModels.spec("rcan", null, 1).branches().get(0).spec().options());
        assertEquals(Map.of("channels", 64, "group", 4),
                UntrainedModels.spec("carn", null, 1).branches().get(0).spec().options());
    }

    @Test
    void unknownArchitecturesAndAnOriginalForAnOModelAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UntrainedModels.spec("edsr", null, 1));
        assertTrue(e.getMessage().contains("unknown architecture 'edsr'") && e.getMessage().contains("classsr-rcan"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UntrainedModels.spec("srresnet", "../x", 1));
        assertTrue(e.getMessage().contains("no original"), e.getMessage());
    }
}
