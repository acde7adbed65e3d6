package org.classsr.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing and reading members of zips, tars and tar.gz files made here from the sample crops, through Hadoop's local FileSystem. */
class ArchiveIndexTest {

    private static final Set<String> IMAGES = Set.of("png", "jpg");
    private static final ArchiveLimits LIMITS = ArchiveLimits.forPixels(64_000_000L);

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    @Test
    void zipMembersStoredAndDeflatedInNestedFoldersReadBackByteForByte() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>(TestArchives.nestedCrops());
        members.put("set/readme.txt", "not an image".getBytes());
        members.put("__MACOSX/set/a/._x.png", new byte[10]);
        Path zip = TestArchives.zip(dir.resolve("data.zip"), members, Set.of("set/a/" + TestArchives.CROPS[0]));
        String uri = zip.toUri().toString();

        ArchiveListing listing = ArchiveIndex.list(uri, conf, LIMITS, IMAGES);

        assertEquals(Map.of(), listing.refused());
        assertEquals(List.of(TestArchives.CROPS[2], "set/a/" + TestArchives.CROPS[0], "set/b/" + TestArchives.CROPS[1]),
                listing.members().stream().map(ArchiveMember::path).toList(), "images only, sorted, hidden skipped");
        for (ArchiveMember m : listing.members()) {
            assertEquals(uri + "!/" + m.path(), m.name());
            assertArrayEquals(members.get(m.path()), MemberReader.readAll(m, conf, LIMITS), m.path());
            byte[] head = MemberReader.head(m, conf, LIMITS, 64);
            assertArrayEquals(java.util.Arrays.copyOf(members.get(m.path()), 64), head, m.path() + " head");
        }
        assertEquals(0, listing.members().get(1).method(), "the astronaut is stored");
        assertEquals(8, listing.members().get(0).method(), "the coffee is deflated");
    }

    @Test
    void tarAndTgzMembersReadBackByteForByteIncludingLongNames() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>(TestArchives.nestedCrops());
        String longName = "deep/" + "x".repeat(120) + "/long.png";
        members.put(longName, TestArchives.crop(TestArchives.CROPS[0]));
        for (Path archive : List.of(TestArchives.tar(dir.resolve("data.tar"), members),
                TestArchives.tgz(dir.resolve("data.tar.gz"), members))) {
            ArchiveListing listing = ArchiveIndex.list(archive.toUri().toString(), conf, LIMITS, IMAGES);
            assertEquals(Map.of(), listing.refused(), archive.toString());
            assertEquals(4, listing.members().size());
            assertTrue(listing.members().stream().anyMatch(m -> m.path().equals(longName)), "PAX long name followed");
            for (ArchiveMember m : listing.members()) {
                assertArrayEquals(members.get(m.path()), MemberReader.readAll(m, conf, LIMITS), m.name());
            }
        }
    }

    @Test
    void tgzMembersAreHandedOnInOneReadInArchiveOrder() throws IOException {
        Map<String, byte[]> members = TestArchives.nestedCrops();
        Path tgz = TestArchives.tgz(dir.resolve("data.tgz"), members);
        ArchiveListing listing = ArchiveIndex.list(tgz.toUri().toString(), conf, LIMITS, IMAGES);
        try (TgzReader reader = new TgzReader(tgz.toUri().toString(), conf, LIMITS)) {
            for (ArchiveMember m : listing.members()) {
                assertArrayEquals(members.get(m.path()), reader.read(m));
            }
            assertThrows(IllegalStateException.class, () -> reader.read(listing.members().get(0)));
        }
    }

    @Test
    void corruptStoredAndDeflatedZipMembersFailTheirCrcTheOthersRead() throws IOException {
        Map<String, byte[]> members = TestArchives.nestedCrops();
        String bad = "set/a/" + TestArchives.CROPS[0];
        Path zip = TestArchives.zip(dir.resolve("data.zip"), members, Set.of(bad));
        TestArchives.corrupt(zip, members.get(bad));
        ArchiveListing listing = ArchiveIndex.list(zip.toUri().toString(), conf, LIMITS, IMAGES);
        assertEquals(3, listing.members().size(), "the central directory still lists it");
        for (ArchiveMember m : listing.members()) {
            if (m.path().equals(bad)) {
                ArchiveException e = assertThrows(ArchiveException.class, () -> MemberReader.readAll(m, conf, LIMITS));
                assertTrue(e.getMessage().startsWith("corrupt member: CRC-32"), e.getMessage());
            } else {
                assertArrayEquals(members.get(m.path()), MemberReader.readAll(m, conf, LIMITS));
            }
        }

        // A deflated member: a byte flipped in its compressed data.
        Path deflated = TestArchives.zip(dir.resolve("deflated.zip"), Map.of("a.png", new byte[4000]), Set.of());
        byte[] b = Files.readAllBytes(deflated);
        b[30 + "a.png".length() + 3] ^= 0x7f;
        Files.write(deflated, b);
        ArchiveMember m = ArchiveIndex.list(deflated.toUri().toString(), conf, LIMITS, IMAGES).members().get(0);
        ArchiveException e = assertThrows(ArchiveException.class, () -> MemberReader.readAll(m, conf, LIMITS));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void encryptedAndUnsupportedMethodsAreRefusedByNameAtListing() throws IOException {
        Map<String, byte[]> members = TestArchives.nestedCrops();
        Path zip = TestArchives.zip(dir.resolve("data.zip"), members, Set.of());
        TestArchives.patchCentral(zip, "set/a/" + TestArchives.CROPS[0], 8, 1);
        TestArchives.patchCentral(zip, "set/b/" + TestArchives.CROPS[1], 10, 12);
        String uri = zip.toUri().toString();

        ArchiveListing listing = ArchiveIndex.list(uri, conf, LIMITS, IMAGES);

        assertEquals(List.of(TestArchives.CROPS[2]), listing.members().stream().map(ArchiveMember::path).toList());
        assertTrue(listing.refused().get(uri + "!/set/a/" + TestArchives.CROPS[0]).contains("encrypted"),
                listing.refused().toString());
        assertTrue(listing.refused().get(uri + "!/set/b/" + TestArchives.CROPS[1]).contains("method 12 (bzip2)"),
                listing.refused().toString());
    }

    @Test
    void truncatedArchivesNameTheMemberCutTheOnesBeforeItRead() throws IOException {
        Map<String, byte[]> members = TestArchives.nestedCrops();
        Path tar = TestArchives.tar(dir.resolve("data.tar"), members);
        long cut = Files.size(tar) - 1024 - 512 - 5000; // inside the last member's data
        TestArchives.truncate(tar, cut);
        String uri = tar.toUri().toString();
        ArchiveListing listing = ArchiveIndex.list(uri, conf, LIMITS, IMAGES);
        assertEquals(2, listing.members().size(), listing.toString());
        assertTrue(listing.refused().get(uri + "!/" + TestArchives.CROPS[2]).startsWith("truncated archive"),
                listing.refused().toString());

        Path tgz = TestArchives.tgz(dir.resolve("data.tgz"), members);
        TestArchives.truncate(tgz, Files.size(tgz) - 3000);
        String tgzUri = tgz.toUri().toString();
        ArchiveListing streamed = ArchiveIndex.list(tgzUri, conf, LIMITS, IMAGES);
        assertEquals(2, streamed.members().size(), streamed.toString());
        assertTrue(streamed.refused().get(tgzUri + "!/" + TestArchives.CROPS[2]).startsWith("truncated archive"),
                streamed.refused().toString());

        Path zip = TestArchives.zip(dir.resolve("data.zip"), members, Set.of());
        TestArchives.truncate(zip, Files.size(zip) - 100);
        String zipUri = zip.toUri().toString();
        ArchiveListing lost = ArchiveIndex.list(zipUri, conf, LIMITS, IMAGES);
        assertEquals(List.of(), lost.members());
        assertTrue(lost.refused().get(zipUri).contains("central directory"), lost.refused().toString());
    }

    @Test
    void pathsClimbingOutOfTheArchiveAreRefused() throws IOException {
        Path zip = TestArchives.zip(dir.resolve("evil.zip"), Map.of("../../escape.png", new byte[10], "ok/./a.png",
                new byte[10]), Set.of());
        String uri = zip.toUri().toString();
        ArchiveListing listing = ArchiveIndex.list(uri, conf, LIMITS, IMAGES);
        assertTrue(listing.refused().get(uri + "!/../../escape.png").contains(".."), listing.refused().toString());
        assertEquals(1, listing.members().size());
    }

    @Test
    void zipBombsAreRefusedByDeclaredSizeRatioAndActualSize() throws IOException {
        // 40 MB of zeros deflates about 1000:1: far beyond any real image.
        Path zip = TestArchives.zip(dir.resolve("bomb.zip"), Map.of("flat.png", new byte[40 << 20]), Set.of());
        String uri = zip.toUri().toString();
        ArchiveListing ratio = ArchiveIndex.list(uri, conf, LIMITS, IMAGES);
        assertEquals(List.of(), ratio.members());
        assertTrue(ratio.refused().get(uri + "!/flat.png").contains("zip bomb"), ratio.refused().toString());

        // The same member under a pixel limit whose byte limit it passes.
        ArchiveListing size = ArchiveIndex.list(uri, conf, new ArchiveLimits(1 << 20, 2000), IMAGES);
        assertTrue(size.refused().get(uri + "!/flat.png").contains("over the 1,048,576-byte limit"),
                size.refused().toString());

        // A member that lies about its size: it is stopped once it yields more than it declared.
        ArchiveMember real = ArchiveIndex.list(uri, conf, new ArchiveLimits(1L << 30, 2000), IMAGES).members().get(0);
        ArchiveMember liar = new ArchiveMember(real.archive(), real.kind(), real.path(), real.offset(),
                real.storedSize(), 1000, real.method(), real.crc());
        ArchiveException e = assertThrows(ArchiveException.class, () -> MemberReader.readAll(liar, conf, LIMITS));
        assertTrue(e.getMessage().contains("more than the 1,000 bytes it declares"), e.getMessage());
    }
}
