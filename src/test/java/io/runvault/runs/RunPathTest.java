package io.runvault.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runvault.problem.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunPathTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "..", "../etc/passwd", "a/../../b", "a/..", "./a", "a/./b", ".",
            "/etc/passwd", "/a",
            "a\\b", "..\\..\\windows", "C:/x", "c:",
            "a\u0000b", "a\nb", "a\rb", "a\tb", "\u007f", "a\u0085b", "a\u2028b", "\u202eevil.png", "a\u200bb", "\ufeffa",
            "%2e%2e/x", "%2e%2e%2fx", "..%2f..%2fetc", "a%00b",
            "a//b", "a/", "/", "",
            "a*b", "a?b", "a\"b", "a<b", "a>b", "a|b"})
    void hostilePathsAreRefused(String hostile) {
        assertThrows(InvalidRequestException.class, () -> RunPath.of(hostile));
    }

    @Test
    void nullIsRefused() {
        assertThrows(InvalidRequestException.class, () -> RunPath.of(null));
    }

    @Test
    void overlongPathsAndSegmentsAreRefused() {
        assertThrows(InvalidRequestException.class, () -> RunPath.of("a/".repeat(600) + "b"));
        assertThrows(InvalidRequestException.class, () -> RunPath.of("x".repeat(256)));
        assertThrows(InvalidRequestException.class, () -> RunPath.of("\u00e9".repeat(128)));
        assertEquals(255, RunPath.of("x".repeat(255)).value().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"figures/confusion_matrix.png", "checkpoints/best_resnet.params", "folds/fold_1/train.csv",
            "logs/run.log", "a b/c d.txt", "données/été.csv", "..a/b..", "...", "a.b/.hidden", "模型/model.onnx"})
    void ordinaryPathsAreKept(String path) {
        assertEquals(path, RunPath.of(path).value());
    }

    @Test
    void decomposedUnicodeIsNormalisedToNfc() {
        String decomposed = "e\u0301t\u0065\u0301.csv";
        String composed = "\u00e9t\u00e9.csv";
        assertEquals(composed, RunPath.of(decomposed).value());
        assertEquals(RunPath.of(composed), RunPath.of(decomposed));
    }
}
