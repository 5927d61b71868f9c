package io.runvault.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Policies and promotion evidence are stored as JSON text, and a policy change records that text in
 * the audit chain. The text is pinned as the appliance has always written it (members in
 * alphabetical order, absent members left out, numbers as Java prints a double), and rows written
 * before still read.
 */
class GateJsonTest {

    static final List<GateSpec> GATES = List.of(
            new GateSpec("metric", "val_auc >= 0.90 \u000b\u001f \u00e9 \"q\" / \\", null, null, null, null, null),
            new GateSpec("onnx-parity", null, List.of("a/*.png", "b"), "acc", 0.1, 1e-7, 1e10),
            new GateSpec("x", null, List.of(), null, 100.0, 1e-4, 0.999));

    static final String GATES_JSON = "[{\"expression\":\"val_auc >= 0.90 \\u000b\\u001f \u00e9 \\\"q\\\" / \\\\\",\"kind\":\"metric\"},"
            + "{\"kind\":\"onnx-parity\",\"maxAbsDiff\":1.0E-7,\"metric\":\"acc\",\"minArgmaxAgreement\":1.0E10,"
            + "\"paths\":[\"a/*.png\",\"b\"],\"tolerance\":0.1},"
            + "{\"kind\":\"x\",\"maxAbsDiff\":1.0E-4,\"minArgmaxAgreement\":0.999,\"paths\":[],\"tolerance\":100.0}]";

    static final List<GateResult> EVIDENCE = List.of(new GateResult("metric val_auc >= 0.9", "\u2265 0.9", "0.95", true),
            new GateResult("files", "x", "", false));

    static final String EVIDENCE_JSON = "[{\"actual\":\"0.95\",\"expected\":\"\u2265 0.9\",\"gate\":\"metric val_auc >= 0.9\","
            + "\"passed\":true},{\"actual\":\"\",\"expected\":\"x\",\"gate\":\"files\",\"passed\":false}]";

    @Test
    void gatesKeepTheirStoredText() {
        assertEquals(GATES_JSON, PromotionService.gatesJson(GATES));
        assertEquals("[]", PromotionService.gatesJson(List.of()));
    }

    @Test
    void storedGatesReadBack() {
        assertEquals(GATES, PromotionService.gates(GATES_JSON));
        assertEquals(List.of(new GateSpec("m", null, null, null, 5.0, null, null)),
                PromotionService.gates("[{\"kind\":\"m\",\"unknown\":1,\"tolerance\":5}]"));
    }

    @Test
    void evidenceKeepsItsStoredTextAndReadsBack() {
        assertEquals(EVIDENCE_JSON, PromotionService.evidenceJson(EVIDENCE));
        assertEquals(EVIDENCE, PromotionService.evidence(EVIDENCE_JSON));
    }
}
