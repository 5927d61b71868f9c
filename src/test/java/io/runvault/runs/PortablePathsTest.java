package io.runvault.runs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runvault.problem.InvalidRequestException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortablePathsTest {

    private static final String DIGEST = "blake2b:" + "a".repeat(64);

    private static List<FileEntry> files(String... paths) {
        return Arrays.stream(paths).map(p -> new FileEntry(RunPath.of(p).value(), DIGEST, 1, "text/plain")).toList();
    }

    private static String refusal(String... paths) {
        return assertThrows(InvalidRequestException.class, () -> PortablePaths.check(files(paths))).type();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CON", "con", "aux/x.txt", "a/NUL.txt", "Com1", "lpt9.tar.gz", "prn .txt", "CONOUT$",
            "a./b", "a /b", "logs/run.", "logs/run ", "x\uff0ey", "a\uff0fb", "\uff21.txt", "x\u2024y", "\ufb01le"})
    void windowsUnsafeNamesAreRefused(String path) {
        assertEquals("bad-path", refusal(path), path);
    }

    @Test
    void ordinaryNamesPass() {
        assertDoesNotThrow(() -> PortablePaths.check(files("figures/confusion_matrix.png", "console/x", "auxiliary.txt",
                "com10.txt", "lpt.txt", "connect/a", ".hidden", "a.b.c", "données/été.csv", "日本語/ファイル.txt",
                "checkpoints/best_minicnn.params", "logs/run.log")));
    }

    @Test
    void theManifestEntryIsReserved() {
        assertEquals("reserved-path", refusal("manifest.json"));
        assertEquals("reserved-path", refusal("Manifest.JSON"));
        assertEquals("reserved-path", refusal("manifest.json/inner.txt"));
        assertDoesNotThrow(() -> PortablePaths.check(files("reports/manifest.json", "manifest.json.bak")));
    }

    @Test
    void pathsThatClashWhenUnpackedAreRefused() {
        assertEquals("duplicate-path", refusal("Model.onnx", "model.onnx"));
        assertEquals("duplicate-path", refusal("Logs/a.txt", "logs/A.TXT"));
        assertEquals("duplicate-path", refusal("a", "a/b"));
        assertEquals("duplicate-path", refusal("x/y/z", "X/Y"));
        assertEquals("duplicate-path", refusal("same", "same"));
        assertDoesNotThrow(() -> PortablePaths.check(files("a/b", "a/c", "ab", "a-b/c")));
    }
}
