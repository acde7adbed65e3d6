package org.classsr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every notebook under notebooks/ is committed with its outputs and runs top to bottom on the
 * committed data, as on a fresh clone. Executes them with Jupyter's nbconvert (Debian:
 * jupyter-nbconvert, python3-matplotlib, python3-pandas, python3-ipykernel; .ci/run installs them):
 * without it this test fails rather than skips, so a broken notebook cannot pass unnoticed.
 */
class NotebooksTest {

    private static final Path NOTEBOOKS = Path.of("notebooks");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.walk(NOTEBOOKS)) {
            return files.filter(p -> p.toString().endsWith(".ipynb") && !p.toString().contains(".ipynb_checkpoints"))
                    .sorted().toList();
        }
    }

    private static List<JsonNode> codeCells(JsonNode notebook) {
        List<JsonNode> out = new ArrayList<>();
        notebook.get("cells").forEach(c -> {
            if ("code".equals(c.get("cell_type").asText())) {
                out.add(c);
            }
        });
        return out;
    }

    @Test
    void everyNotebookIsCommittedWithItsOutputs() throws IOException {
        List<Path> notebooks = notebooks();
        assertFalse(notebooks.isEmpty(), "no notebooks under " + NOTEBOOKS);
        for (Path nb : notebooks) {
            JsonNode root = JSON.readTree(nb.toFile());
            int figures = 0;
            for (JsonNode cell : codeCells(root)) {
                assertFalse(cell.get("execution_count").isNull(), nb + ": a code cell was never run:\n" + cell.get("source"));
                for (JsonNode output : cell.get("outputs")) {
                    assertFalse("error".equals(output.path("output_type").asText()), nb + " carries an error output");
                    JsonNode data = output.path("data");
                    if (data.has("image/png") || data.has("image/jpeg")) {
                        figures++;
                    }
                }
            }
            assertTrue(figures > 0, nb + " has no figure in its committed outputs");
        }
    }

    @Test
    void everyNotebookRunsTopToBottom() throws IOException, InterruptedException {
        for (Path nb : notebooks()) {
            List<String> cmd = List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.timeout=600", "--output-dir", dir.toString(), nb.toString());
            Path log = dir.resolve("nbconvert.log");
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                fail("cannot run jupyter nbconvert (" + e.getMessage() + "); install jupyter-nbconvert,"
                        + " python3-matplotlib, python3-pandas and python3-ipykernel (.ci/run does)");
                return;
            }
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(nb + " did not finish in 15 minutes");
            }
            assertEquals(0, p.exitValue(), nb + " failed:\n" + Files.readString(log));
            JsonNode executed = JSON.readTree(dir.resolve(nb.getFileName()).toFile());
            for (JsonNode cell : codeCells(executed)) {
                assertFalse(cell.get("execution_count").isNull(), nb + ": a cell did not run");
            }
        }
    }
}
