package org.classsr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.classsr.archive.TestArchives;
import org.classsr.image.FloatImage;
import org.classsr.image.ImageCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The job over zip, tar and tar.gz inputs (local[2]) against the same images extracted to a folder. */
class ArchiveJobTest extends RandomModelSparkTest {

    /** The extracted folder's outputs (flat file names), by file name. */
    static Map<String, byte[]> extracted;

    @BeforeAll
    static void start() throws IOException {
        Path folder = dir.resolve("extracted");
        for (Map.Entry<String, byte[]> m : TestArchives.nestedCrops().entrySet()) {
            Path f = folder.resolve(m.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, m.getValue());
        }
        Path out = dir.resolve("out-extracted");
        JobReport report = run(List.of(folder.toString()), out);
        assertEquals(3, report.imagesOk(), report.failures().toString());
        extracted = new LinkedHashMap<>();
        for (String crop : TestArchives.CROPS) {
            extracted.put(crop, Files.readAllBytes(out.resolve(crop)));
        }
    }

    static JobReport run(List<String> inputs, Path out) throws IOException {
        JobRequest request = new JobRequest(inputs, out.toString(), model, SparkTesting.engine(), 64_000_000L, "same",
                true, false, null);
        return DistributedUpscaler.run(spark, SparkTesting.local(), request, new PrintWriter(new StringWriter(), true));
    }

    /** The outputs under {@code out} equal the extracted folder's, each in its member's folder. */
    static void assertLikeExtracted(Path out) throws IOException {
        for (String member : TestArchives.nestedCrops().keySet()) {
            Path written = out.resolve(member);
            assertTrue(Files.isRegularFile(written), "missing " + written);
            String file = written.getFileName().toString();
            assertSameImage(extracted.get(file), Files.readAllBytes(written), member);
            String stem = member.substring(0, member.length() - 4);
            assertTrue(Files.isRegularFile(out.resolve(stem + "_classmap.png")), "class map of " + member);
        }
        SparkTesting.assertNoTemporaries(out);
    }

    /**
     * The same picture within one grey level: tiles are batched differently when other inputs run
     * beside them, and the networks' sums may then round differently in the last bit.
     */
    static void assertSameImage(byte[] expected, byte[] written, String what) {
        FloatImage want = ImageCodec.decode(expected, "extracted").color();
        FloatImage got = ImageCodec.decode(written, what).color();
        assertEquals(want.width(), got.width(), what);
        assertEquals(want.height(), got.height(), what);
        assertEquals(want.channels(), got.channels(), what);
        int max = 0;
        for (int i = 0; i < want.data().length; i++) {
            max = Math.max(max, Math.round(Math.abs(want.data()[i] - got.data()[i]) * 255));
        }
        assertTrue(max <= 1, what + " differs from the extracted folder's output by " + max + " grey levels");
    }

    @Test
    void zipTarAndTgzMembersUpscaleLikeTheExtractedFolderInTheirFoldersAndRerunsSkipThem() throws IOException {
        Map<String, byte[]> members = TestArchives.nestedCrops();
        Path zip = TestArchives.zip(dir.resolve("a/data.zip"), members, Set.of("set/a/" + TestArchives.CROPS[0]));
        Path tar = TestArchives.tar(dir.resolve("a/data.tar"), members);
        Path tgz = TestArchives.tgz(dir.resolve("a/data.tgz"), members);
        for (Path archive : List.of(zip, tar, tgz)) {
            Path out = dir.resolve("out-" + archive.getFileName());
            JobReport report = run(List.of(archive.toString()), out);
            assertEquals(3, report.imagesOk(), archive + ": " + report.failures());
            assertLikeExtracted(out);
            String uri = new org.apache.hadoop.fs.Path(archive.toUri()).toString();
            assertTrue(report.images().stream().anyMatch(r -> r.input().equals(uri + "!/set/b/" + TestArchives.CROPS[1])),
                    "inputs are named ARCHIVE!/MEMBER");

            // Resume per member: one output removed, one member upscaled again.
            Files.delete(out.resolve("set/b/" + TestArchives.CROPS[1]));
            JobReport again = run(List.of(archive.toString()), out);
            assertEquals(1, again.imagesOk(), again.failures().toString());
            assertEquals(2, again.skipped().size());
            assertLikeExtracted(out);
        }
    }

    @Test
    void badMembersFailAloneNamingArchiveAndMemberTheOthersComplete() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>(TestArchives.nestedCrops());
        String corrupt = "set/a/" + TestArchives.CROPS[0];
        members.put("notes/not-an-image.png", "just some text, not a picture".getBytes());
        members.put("locked/secret.png", TestArchives.crop(TestArchives.CROPS[1]));
        Path zip = TestArchives.zip(dir.resolve("b/bad.zip"), members, Set.of(corrupt));
        TestArchives.corrupt(zip, members.get(corrupt));
        TestArchives.patchCentral(zip, "locked/secret.png", 8, 1);
        Map<String, byte[]> streamed = new LinkedHashMap<>();
        TestArchives.nestedCrops().forEach((k, v) -> streamed.put("cut/" + k, v));
        Path tgz = TestArchives.tgz(dir.resolve("b/cut.tar.gz"), streamed);
        TestArchives.truncate(tgz, Files.size(tgz) - 3000);

        Path out = dir.resolve("out-bad");
        JobReport report = run(List.of(zip.toString(), tgz.toString()), out);

        String zipUri = new org.apache.hadoop.fs.Path(zip.toUri()).toString();
        String tgzUri = new org.apache.hadoop.fs.Path(tgz.toUri()).toString();
        Map<String, String> failures = report.failures();
        assertTrue(Failures.withoutStage(failures.get(zipUri + "!/" + corrupt)).startsWith("corrupt member: CRC-32"),
                failures.toString());
        assertTrue(failures.containsKey(zipUri + "!/notes/not-an-image.png"), failures.toString());
        assertTrue(failures.get(zipUri + "!/locked/secret.png").contains("encrypted"), failures.toString());
        assertTrue(Failures.withoutStage(failures.get(tgzUri + "!/cut/" + TestArchives.CROPS[2])).startsWith("truncated archive"),
                failures.toString());
        assertEquals(4, failures.size(), failures.toString());
        assertEquals(4, report.imagesOk(), "the zip's two good members and the tar.gz's two before the cut");
        assertTrue(Files.isRegularFile(out.resolve("set/b/" + TestArchives.CROPS[1])));
        assertTrue(Files.isRegularFile(out.resolve("cut/set/a/" + TestArchives.CROPS[0])));
        String tsv = Files.readString(out.resolve(DistributedUpscaler.FAILURES));
        assertTrue(tsv.contains(zipUri + "!/" + corrupt + "\tprobe\tcorrupt member"), tsv);
    }
}
