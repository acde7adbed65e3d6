package org.classsr.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.classsr.image.DecodedImage;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;

/** Tiny generated data folders and cutting settings for the dataset tests (and the training tests). */
public final class DatasetTestData {

    /** HR sub-images 16 (LR 4) at step 8: small enough for fast tests, big enough for the classifier. */
    public static final DatasetSettings DATASET = new DatasetSettings(16, 8, 4, 0, 7, 10);

    private DatasetTestData() {
    }

    /**
     * Writes {@code data/images/gen/*.png} and {@code data/manifest.tsv}: smooth, striped and noisy
     * images (so the division has easy and hard content), some in the val split.
     */
    public static Path dataFolder(Path root) throws IOException {
        Path data = root.resolve("data");
        Path images = data.resolve("images").resolve("gen");
        Files.createDirectories(images);
        StringBuilder manifest = new StringBuilder(
                "path\tsplit\twidth\theight\tbytes\tsha256\tpackage\tpackage_version\tlicence\n");
        List<String> kinds = List.of("smooth", "stripes", "noise", "smooth2", "noise2", "stripes2");
        for (int i = 0; i < kinds.size(); i++) {
            int w = 42 + 2 * i; // not multiples of 4 or of the step: exercises cropping and edge anchoring
            int h = 38 + i;
            FloatImage img = image(kinds.get(i), w, h, i);
            Path file = images.resolve(kinds.get(i) + ".png");
            ImageCodec.write(file, DecodedImage.of(img));
            String split = i == 5 ? "val" : "train";
            manifest.append("gen/").append(kinds.get(i)).append(".png\t").append(split).append('\t').append(w)
                    .append('\t').append(h).append("\t0\t-\ttest\t0\tCC0\n");
        }
        Files.writeString(data.resolve("manifest.tsv"), manifest.toString());
        return data;
    }

    public static FloatImage image(String kind, int w, int h, long seed) {
        Random rng = new Random(seed);
        FloatImage img = FloatImage.zeros(w, h, 3);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = switch (kind.replaceAll("\\d", "")) {
                        case "smooth" -> 0.2 + 0.5 * x / w + 0.1 * c;
                        case "stripes" -> ((x + 2 * y + c) / 3) % 2 == 0 ? 0.15 : 0.85;
                        default -> rng.nextDouble();
                    };
                    img.set(c, x, y, (float) Math.round(v * 255) / 255f);
                }
            }
        }
        return img;
    }
}
