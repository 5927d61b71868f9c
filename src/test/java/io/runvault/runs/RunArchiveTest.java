package io.runvault.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runvault.problem.ConflictException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RunArchiveTest {

    @Test
    void aRunStoredWithAFileNamedManifestJsonIsAConflictBeforeAnyByte() {
        // Accepted before the name was reserved; still readable, but its zip would hold the name twice.
        byte[] stored = ("{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[{\"path\":\"manifest.json\","
                + "\"digest\":\"blake2b:" + "a".repeat(64) + "\",\"size\":1}]}").getBytes(StandardCharsets.UTF_8);
        RunManifest old = ManifestReader.stored(stored);
        // No store is needed: the refusal comes before any blob is looked at.
        ConflictException refused = assertThrows(ConflictException.class,
                () -> RunArchive.of(stored, old, null, null, null));
        assertEquals("archive-name-clash", refused.type());
        assertEquals(409, refused.status());
    }
}
