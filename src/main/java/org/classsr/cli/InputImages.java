package org.classsr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.classsr.archive.ArchiveIndex;
import org.classsr.archive.ArchiveKind;
import org.classsr.archive.ArchiveLimits;
import org.classsr.archive.ArchiveListing;
import org.classsr.archive.ArchiveMember;
import org.classsr.archive.MemberReader;
import org.classsr.image.DecodedImage;
import org.classsr.image.ImageCodec;
import org.classsr.image.ImageFiles;
import org.classsr.image.ImageInfo;

/**
 * The images a one-JVM command reads: files and folders as {@link InputFiles} finds them, and the
 * image members of a .zip, .tar or .tar.gz named as an input, read one at a time from the archive
 * (never extracted).
 */
final class InputImages {

    private static final int HEAD_BYTES = 1 << 20;

    private InputImages() {
    }

    /** The inputs found, and the archives or members refused while listing (name -> reason). */
    record Listing(List<Input> inputs, Map<String, String> refused) {

        /** This listing, unless it found nothing at all (no input, none refused) in {@code where}. */
        Listing requireAny(Object where) {
            if (inputs.isEmpty() && refused.isEmpty()) {
                throw new IllegalArgumentException("no image files in " + where);
            }
            return this;
        }

        /** The inputs when none was refused; else fails with the first refusal (a run over some only would differ). */
        List<Input> requireAll() {
            if (!refused.isEmpty()) {
                Map.Entry<String, String> first = refused.entrySet().iterator().next();
                throw new IllegalArgumentException(first.getKey() + ": " + first.getValue());
            }
            return inputs;
        }
    }

    /**
     * One image: a file, or an archive member.
     *
     * @param name how reports name it: the file, or {@code ARCHIVE!/DIR/0001.png}
     * @param relative where its output goes under the output folder, without extension: the file's
     *     stem, or the member's path with its folders
     */
    record Input(String name, String relative, Path file, ArchiveMember member, ArchiveLimits limits) {

        DecodedImage read() {
            return file != null ? ImageCodec.read(file) : ImageCodec.decode(bytes(), name);
        }

        /** Size and format from the header (a member's first megabyte; all of it if the header lies further). */
        ImageInfo probe() {
            if (file != null) {
                return ImageCodec.probe(file);
            }
            try {
                return ImageCodec.probe(MemberReader.head(member, Conf.LOCAL, limits, HEAD_BYTES), name);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            } catch (RuntimeException e) {
                return ImageCodec.probe(bytes(), name);
            }
        }

        private byte[] bytes() {
            try {
                return MemberReader.readAll(member, Conf.LOCAL, limits);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }

        /** The file name's extension, lower case. */
        String extension() {
            return InputFiles.extension(Path.of(file != null ? file.toString() : member.path()));
        }

        Path path() {
            return Path.of(name);
        }
    }

    /** One Hadoop configuration for local archives, made when first needed. */
    private static final class Conf {
        static final Configuration LOCAL = new Configuration();
    }

    static Listing expand(List<Path> inputs, long maxPixels) {
        ArchiveLimits limits = ArchiveLimits.forPixels(maxPixels);
        List<Input> found = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Path input : inputs) {
            if (Files.isRegularFile(input) && ArchiveKind.of(input.getFileName().toString()) != null) {
                String uri = new org.apache.hadoop.fs.Path(input.toAbsolutePath().normalize().toUri()).toString();
                ArchiveListing listing = ArchiveIndex.list(uri, Conf.LOCAL, limits, ImageFiles.EXTENSIONS);
                // Names as the user gave the archive, not as a URI.
                listing.refused().forEach((k, v) -> refused.put(input + k.substring(uri.length()), v));
                for (ArchiveMember m : listing.members()) {
                    String relative = m.path().substring(0, m.path().lastIndexOf('.'));
                    found.add(new Input(input + ArchiveKind.SEPARATOR + m.path(), relative, null, m, limits));
                }
                continue;
            }
            for (Path file : InputFiles.expand(List.of(input))) {
                found.add(new Input(file.toString(), InputFiles.stem(file), file, null, limits));
            }
        }
        return new Listing(found, refused);
    }
}
