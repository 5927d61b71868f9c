package io.runvault.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import org.junit.jupiter.api.Test;

/** A body the container's JSON-B binding refuses is a 400 malformed-json, though the mapper names those types only. */
class ProblemMapperBindingTest {

    @Test
    void jsonPAndJsonBFailuresAreRecognisedWithTheirSubclasses() {
        assertTrue(ProblemMapper.fromBodyBinding(new JsonException("x")));
        assertTrue(ProblemMapper.fromBodyBinding(new JsonParsingException("x", null)));
        assertTrue(ProblemMapper.fromBodyBinding(new JsonbException("x")));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(ProblemMapper.fromBodyBinding(new IllegalStateException("x")));
        assertFalse(ProblemMapper.fromBodyBinding(new com.fasterxml.jackson.core.JsonParseException(null, "x")));
    }
}
