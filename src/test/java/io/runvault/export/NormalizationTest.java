package io.runvault.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void whatOnnxExportWritesLeavesStoredPixelsAsTheyAre() {
        Normalization n = Normalization.fromMetadata("{\"layout\":\"NCHW\",\"scale\":\"pixel / 255\",\"range\":[0,1],"
                + "\"mean\":0,\"std\":1}");
        assertNotNull(n);
        assertTrue(n.isIdentity());
        float[] pixels = {0f, 0.5f, 1f};
        assertSame(pixels, n.apply(pixels, 1, 1, 3));
        assertTrue(Normalization.DEFAULT.isIdentity());
    }

    @Test
    void meanAndStdApplyPerChannel() {
        Normalization n = new Normalization(1.0 / 255, new double[] {0.5, 0.0}, new double[] {0.5, 2.0});
        float[] out = n.apply(new float[] {1f, 0f, 1f, 0.5f}, 2, 1, 2);
        assertArrayEquals(new float[] {1f, -1f, 0.5f, 0.25f}, out, 1e-6f);
        assertEquals(null, n.misfit(2));
        assertNotNull(n.misfit(3));
    }

    @Test
    void rawPixelsAndUnreadableMetadata() {
        Normalization raw = Normalization.fromMetadata("{\"scale\":\"pixel\"}");
        assertArrayEquals(new float[] {255f}, raw.apply(new float[] {1f}, 1, 1, 1), 1e-4f);
        assertNull(Normalization.fromMetadata("not json"));
        assertNull(Normalization.fromMetadata("{\"scale\":\"log(pixel)\"}"));
        assertNull(Normalization.fromMetadata(null));
    }

    @Test
    void logitsBecomeProbabilities() {
        float[] p = OnnxClassifier.probabilities(new float[] {2f, 0f, -1f});
        double sum = 0;
        for (float v : p) {
            sum += v;
        }
        assertEquals(1, sum, 1e-6);
        assertTrue(p[0] > p[1] && p[1] > p[2]);
        float[] already = {0.2f, 0.8f};
        assertSame(already, OnnxClassifier.probabilities(already));
    }
}
