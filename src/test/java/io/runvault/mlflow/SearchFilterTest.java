package io.runvault.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.mlflow.SearchFilter.Clause;
import io.runvault.mlflow.SearchFilter.Entity;
import io.runvault.mlflow.SearchFilter.Order;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchFilterTest {

    @Test
    void comparisonsJoinedWithAndBecomeClauses() {
        SearchFilter filter = SearchFilter.parse(
                "metrics.accuracy >= 0.9 AND params.optimizer = 'adam' and tags.team LIKE 'vis%' and status != \"FAILED\"");
        assertEquals(List.of(
                new Clause(Entity.METRIC, "accuracy", ">=", 0.9),
                new Clause(Entity.PARAM, "optimizer", "=", "adam"),
                new Clause(Entity.TAG, "team", "LIKE", "vis%"),
                new Clause(Entity.ATTRIBUTE, "status", "!=", "FAILED")), filter.clauses());
    }

    @Test
    void quotedKeysNegativeNumbersListsAndEscapedQuotes() {
        SearchFilter filter = SearchFilter.parse("metrics.`val loss` < -1.5e-3 and tags.\"my tag\" ILIKE 'it''s' "
                + "and attributes.run_id NOT IN ('a', 'b') and attribute.start_time > 1700000000000");
        assertEquals(List.of(
                new Clause(Entity.METRIC, "val loss", "<", -1.5e-3),
                new Clause(Entity.TAG, "my tag", "ILIKE", "it's"),
                new Clause(Entity.ATTRIBUTE, "run_id", "NOT IN", List.of("a", "b")),
                new Clause(Entity.ATTRIBUTE, "start_time", ">", 1.7e12)), filter.clauses());
    }

    @Test
    void anEmptyFilterMatchesEverything() {
        assertTrue(SearchFilter.parse(null).clauses().isEmpty());
        assertTrue(SearchFilter.parse("  ").clauses().isEmpty());
    }

    @Test
    void malformedFiltersAreRefusedWithTheExpression() {
        for (String bad : List.of("metrics.acc >> 1", "metrics.acc > 'high'", "params.lr > 0.1", "params.lr = 0.1",
                "metrics.acc > 1 or metrics.acc < 0", "foo.bar = 'x'", "metrics.acc >", "tags.t IN 'x'",
                "params.p = 'unterminated", "metrics.acc > 1 and")) {
            MlflowException refused = assertThrows(MlflowException.class, () -> SearchFilter.parse(bad), bad);
            assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, refused.code());
            assertTrue(refused.getMessage().contains(bad.trim()) || refused.getMessage().contains("Invalid"), refused.getMessage());
        }
    }

    @Test
    void orderByTermsTakeAnOptionalDirection() {
        assertEquals(List.of(new Order(Entity.METRIC, "acc", false), new Order(Entity.ATTRIBUTE, "start_time", true),
                        new Order(Entity.PARAM, "lr", true)),
                SearchFilter.orderBy(List.of("metrics.acc DESC", "start_time", "params.lr asc")));
        assertThrows(MlflowException.class, () -> SearchFilter.orderBy(List.of("metrics.acc sideways")));
    }
}
