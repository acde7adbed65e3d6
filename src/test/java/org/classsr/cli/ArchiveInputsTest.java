package org.classsr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.classsr.archive.TestArchives;
import org.classsr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** upscale-jvm, eval and calibrate read archives in place, with the results of the extracted folder. */
class ArchiveInputsTest {

    @TempDir
    Path dir;

    private Path extract(Map<String, byte[]> members) throws IOException {
        Path folder = dir.resolve("extracted");
        for (Map.Entry<String, byte[]> m : members.entrySet()) {
            Path f = folder.resolve(m.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, m.getValue());
        }
        return folder;
    }

    @Test
    void upscaleJvmWritesEachMemberInItsFolderLikeTheExtractedFileAndNamesBadMembers() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 3);
        Map<String, byte[]> members = TestArchives.nestedCrops();
        Path folder = extract(members);
        Map<String, byte[]> withBad = new LinkedHashMap<>(members);
        withBad.put("bad/not-an-image.png", "text, not a picture".getBytes());
        Path zip = TestArchives.zip(dir.resolve("a/data.zip"), withBad, Set.of("set/a/" + TestArchives.CROPS[0]));
        Path tgz = TestArchives.tgz(dir.resolve("b/data.tgz"), members);

        CliRun plain = CliRun.of("upscale-jvm", "--model", model.toString(), "--output", dir.resolve("out-folder").toString(),
                folder.toString());
        assertEquals(0, plain.exitCode(), plain.err());
        for (Path archive : new Path[] {zip, tgz}) {
            Path out = dir.resolve("out-" + archive.getFileName());
            CliRun run = CliRun.of("upscale-jvm", "--model", model.toString(), "--output", out.toString(),
                    "--class-map", archive.toString());
            for (String member : members.keySet()) {
                String file = member.substring(member.lastIndexOf('/') + 1);
                assertArrayEquals(Files.readAllBytes(dir.resolve("out-folder").resolve(file)),
                        Files.readAllBytes(out.resolve(member)), archive.getFileName() + "!/" + member);
                assertTrue(Files.isRegularFile(out.resolve(member.replace(".png", "_classmap.png"))));
            }
            if (archive == zip) {
                assertEquals(1, run.exitCode(), run.err());
                assertTrue(run.err().contains("FAILED " + zip + "!/bad/not-an-image.png: "), run.err());
                assertFalse(Files.exists(out.resolve("bad/not-an-image.png")));
            } else {
                assertEquals(0, run.exitCode(), run.err());
            }
        }
    }

    @Test
    void evalAndCalibrateOnAnArchiveMatchTheExtractedFolder() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 9);
        Map<String, byte[]> members = TestArchives.nestedCrops();
        Path folder = extract(members);
        Path tar = TestArchives.tar(dir.resolve("a/hr.tar"), members);

        CliRun fromFolder = CliRun.of("eval", "--model", model.toString(), "--hr", folder.toString(), "--json",
                dir.resolve("folder.json").toString());
        CliRun fromTar = CliRun.of("eval", "--model", model.toString(), "--hr", tar.toString(), "--json",
                dir.resolve("tar.json").toString());
        assertEquals(0, fromFolder.exitCode(), fromFolder.err());
        assertEquals(0, fromTar.exitCode(), fromTar.err());
        JsonNode a = new ObjectMapper().readTree(dir.resolve("folder.json").toFile());
        JsonNode b = new ObjectMapper().readTree(dir.resolve("tar.json").toFile());
        assertEquals(3, b.get("summary").get("images").asInt());
        assertEquals(a.get("summary").get("psnr_y"), b.get("summary").get("psnr_y"));
        assertEquals(a.get("summary").get("ssim_y"), b.get("summary").get("ssim_y"));

        CliRun calFolder = CliRun.of("calibrate", "--model", model.toString(), "--hr", folder.toString(),
                "--target-paper-flops", "0.5");
        CliRun calTar = CliRun.of("calibrate", "--model", model.toString(), "--hr", tar.toString(),
                "--target-paper-flops", "0.5");
        assertEquals(0, calTar.exitCode(), calTar.err());
        assertTrue(calTar.out().startsWith("3 images"), calTar.out());
        assertEquals(calFolder.out(), calTar.out());
    }

    @Test
    void benchOnAZipMeasuresTheSamePsnrAsOnTheExtractedFolder() throws IOException {
        Path model = TestModels.writeRandomPair(dir.resolve("models"), 3);
        Map<String, byte[]> members = TestArchives.nestedCrops();
        Path folder = extract(members);
        Path zip = TestArchives.zip(dir.resolve("a/hr.zip"), members, Set.of("set/a/" + TestArchives.CROPS[0]));
        JsonNode[] reports = new JsonNode[2];
        Path[] inputs = {folder, zip};
        for (int i = 0; i < 2; i++) {
            Path json = dir.resolve("bench-" + i + ".json");
            CliRun run = CliRun.of("bench", "--model", model.toString(), "--hr", inputs[i].toString(), "--repeats", "1",
                    "--warmups", "0", "--no-spark", "--json", json.toString());
            assertEquals(0, run.exitCode(), run.err());
            reports[i] = new ObjectMapper().readTree(json.toFile());
        }
        assertEquals(3, reports[1].get("setup").get("images").size());
        for (int m = 0; m < reports[0].get("methods").size(); m++) {
            assertEquals(reports[0].get("methods").get(m).get("psnr_y"), reports[1].get("methods").get(m).get("psnr_y"),
                    reports[0].get("methods").get(m).get("method").asText());
        }
    }

    @Test
    void datasetFromAnArchivedDataFolderEqualsTheFolders() throws IOException {
        Map<String, byte[]> packed = new LinkedHashMap<>();
        StringBuilder manifest = new StringBuilder("path\tsplit\n");
        for (Map.Entry<String, byte[]> m : TestArchives.nestedCrops().entrySet()) {
            packed.put("images/" + m.getKey(), m.getValue());
            manifest.append(m.getKey()).append("\ttrain\n");
        }
        packed.put("manifest.tsv", manifest.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path folder = extract(packed);
        Map<String, byte[]> inTopFolder = new LinkedHashMap<>();
        packed.forEach((k, v) -> inTopFolder.put("data/" + k, v));
        Path tgz = TestArchives.tgz(dir.resolve("a/data.tar.gz"), inTopFolder);

        CliRun a = CliRun.of("dataset", "--data", folder.toString(), "--output", dir.resolve("ds-folder").toString(),
                "-Dclasssr.dataset.patch-size=64", "-Dclasssr.dataset.step=32");
        CliRun b = CliRun.of("dataset", "--data", tgz.toString(), "--output", dir.resolve("ds-tgz").toString(),
                "-Dclasssr.dataset.patch-size=64", "-Dclasssr.dataset.step=32");
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(0, b.exitCode(), b.err());
        assertTrue(b.out().contains("from 3 images"), b.out());
        try (var files = Files.list(dir.resolve("ds-folder"))) {
            for (Path f : files.toList()) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(dir.resolve("ds-tgz").resolve(f.getFileName())),
                        f.getFileName().toString());
            }
        }
    }
}
