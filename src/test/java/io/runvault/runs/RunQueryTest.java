package io.runvault.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runvault.problem.InvalidRequestException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunQueryTest {

    private static RunQuery parse(List<String> metrics, String sort, String order, Integer limit, String cursor) {
        return RunQuery.parse(null, List.of(), List.of(), metrics, sort, order, limit, cursor);
    }

    @Test
    void metricFiltersSplitAtTheOperator() {
        RunQuery query = RunQuery.parse("exp", List.of("dataset=fashion=mnist"), List.of("lr=0.001"),
                List.of("val_accuracy>=0.9", "loss<1e-2", "epochs!=3", "a=1"), "metric:val_auc", "asc", 10, null);
        assertEquals(new RunQuery.KeyValue("dataset", "fashion=mnist"), query.tags().get(0));
        assertEquals(new RunQuery.MetricFilter("val_accuracy", RunQuery.Op.GE, 0.9), query.metrics().get(0));
        assertEquals(new RunQuery.MetricFilter("loss", RunQuery.Op.LT, 0.01), query.metrics().get(1));
        assertEquals(RunQuery.Op.NE, query.metrics().get(2).op());
        assertEquals(RunQuery.Op.EQ, query.metrics().get(3).op());
        assertEquals(new RunQuery.Sort("val_auc", false), query.sort());
    }

    @Test
    void badSyntaxIsRefused() {
        assertThrows(InvalidRequestException.class, () -> parse(List.of("val_accuracy~0.9"), null, null, null, null));
        assertThrows(InvalidRequestException.class, () -> parse(List.of("val_accuracy>high"), null, null, null, null));
        assertThrows(InvalidRequestException.class, () -> parse(List.of("val_accuracy>NaN"), null, null, null, null));
        assertThrows(InvalidRequestException.class, () -> parse(List.of(">0.9"), null, null, null, null));
        assertThrows(InvalidRequestException.class, () -> parse(List.of(), "name", null, null, null));
        assertThrows(InvalidRequestException.class, () -> parse(List.of(), null, "sideways", null, null));
        assertThrows(InvalidRequestException.class, () -> parse(List.of(), null, null, 0, null));
        assertThrows(InvalidRequestException.class, () -> parse(List.of(), null, null, 1001, null));
        assertThrows(InvalidRequestException.class, () -> parse(List.of(), null, null, null, "!!!"));
        assertThrows(InvalidRequestException.class, () -> parse(Collections.nCopies(21, "a>1"), null, null, null, null));
        assertThrows(InvalidRequestException.class,
                () -> RunQuery.parse(null, List.of("novalue"), List.of(), List.of(), null, null, null, null));
    }

    @Test
    void aCursorOnlyWorksForTheSortItWasMadeFor() {
        String id = "blake2b:" + "c".repeat(64);
        String cursor = new RunQuery.Cursor("time:desc", 1.7e12, id).encode();
        assertEquals(id, parse(List.of(), "time", "desc", null, cursor).after().runId());
        assertThrows(InvalidRequestException.class, () -> parse(List.of(), "time", "asc", null, cursor));
        assertThrows(InvalidRequestException.class, () -> parse(List.of(), "metric:x", "desc", null, cursor));
    }
}
