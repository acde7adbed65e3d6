package org.classsr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.classsr.archive.ArchiveIndex;
import org.classsr.archive.ArchiveKind;
import org.classsr.archive.ArchiveLimits;
import org.classsr.archive.ArchiveListing;
import org.classsr.archive.ArchiveMember;
import org.classsr.archive.MemberReader;
import org.classsr.dataset.DataSource;
import org.classsr.image.DecodedImage;
import org.classsr.image.ImageCodec;
import org.classsr.image.ImageFiles;

/**
 * A data folder ({@code manifest.tsv}, {@code images/}) packed in a .zip, .tar or .tar.gz, at the
 * archive's top or in one folder: each image is read from the archive as the dataset needs it.
 */
final class ArchiveData implements DataSource {

    private static final String MANIFEST = "manifest.tsv";

    private final Path archive;
    private final Configuration conf = new Configuration();
    private final ArchiveLimits limits;
    private final Map<String, ArchiveMember> members = new LinkedHashMap<>();
    private final String root;

    ArchiveData(Path archive, long maxPixels) {
        this.archive = archive;
        this.limits = ArchiveLimits.forPixels(maxPixels);
        String uri = new org.apache.hadoop.fs.Path(archive.toAbsolutePath().normalize().toUri()).toString();
        Set<String> wanted = new HashSet<>(ImageFiles.EXTENSIONS);
        wanted.add("tsv");
        ArchiveListing listing = ArchiveIndex.list(uri, conf, limits, wanted);
        if (listing.refused().containsKey(uri)) {
            throw new IllegalArgumentException(archive + ": " + listing.refused().get(uri));
        }
        listing.members().forEach(m -> members.put(m.path(), m));
        String found = null;
        for (String path : members.keySet()) {
            if ((path.equals(MANIFEST) || path.endsWith("/" + MANIFEST)) && (found == null || path.length() < found.length())) {
                found = path;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException(archive + " has no manifest.tsv (at its top or in one folder)");
        }
        root = found.substring(0, found.length() - MANIFEST.length());
    }

    static boolean isArchive(Path data) {
        return java.nio.file.Files.isRegularFile(data) && ArchiveKind.of(data.getFileName().toString()) != null;
    }

    @Override
    public String name() {
        return archive + ArchiveKind.SEPARATOR + root.replaceAll("/$", "");
    }

    @Override
    public byte[] manifest() throws IOException {
        return MemberReader.readAll(members.get(root + MANIFEST), conf, limits);
    }

    @Override
    public DecodedImage image(String path) {
        String member = root + "images/" + path;
        ArchiveMember m = members.get(member);
        if (m == null) {
            throw new IllegalArgumentException(archive + ArchiveKind.SEPARATOR + member + ": no such image member");
        }
        try {
            return ImageCodec.decode(MemberReader.readAll(m, conf, limits), archive + ArchiveKind.SEPARATOR + member);
        } catch (IOException e) {
            throw new UncheckedIOException(archive + ArchiveKind.SEPARATOR + member + ": " + e.getMessage(), e);
        }
    }
}
