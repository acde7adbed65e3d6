package org.classsr.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classsr.image.DecodedImage;
import org.classsr.image.ImageCodec;

/** Where a dataset's source images come from: a data folder ({@code manifest.tsv}, {@code images/}), or an archive of one. */
public interface DataSource {

    /** How messages name the source. */
    String name();

    /** The bytes of {@code manifest.tsv}. */
    byte[] manifest() throws IOException;

    /** The image at {@code path} under {@code images/}; a RuntimeException names what is wrong with it. */
    DecodedImage image(String path);

    /** A data folder as submit/fetch-training-data.sh makes it. */
    static DataSource folder(Path dir) {
        return new DataSource() {
            @Override
            public String name() {
                return dir.toString();
            }

            @Override
            public byte[] manifest() throws IOException {
                Path manifest = dir.resolve("manifest.tsv");
                if (!Files.isRegularFile(manifest)) {
                    throw new IllegalArgumentException(dir + " has no manifest.tsv (make it with submit/fetch-training-data.sh)");
                }
                return Files.readAllBytes(manifest);
            }

            @Override
            public DecodedImage image(String path) {
                return ImageCodec.read(dir.resolve("images").resolve(path));
            }
        };
    }
}
