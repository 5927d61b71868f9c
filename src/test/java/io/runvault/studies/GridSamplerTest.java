package io.runvault.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GridSamplerTest {

    static SearchSpace space() {
        Map<String, Distribution> m = new LinkedHashMap<>();
        m.put("batch", new IntDistribution(32, 128, false, 32));
        m.put("opt", CategoricalDistribution.of("adam", "sgd"));
        m.put("drop", new FloatDistribution(0, 0.2, false, 0.1));
        return new SearchSpace(m);
    }

    @Test
    void visitsEveryPointOnceInASeededOrderThenReportsExhausted() {
        SearchSpace space = space();
        GridSampler grid = new GridSampler(space, 5);
        assertEquals(4 * 2 * 3, grid.size());
        List<Trial> trials = new ArrayList<>();
        Set<Map<String, Object>> seen = new HashSet<>();
        for (int i = 0; i < grid.size(); i++) {
            assertFalse(grid.exhausted(trials));
            Map<String, Object> p = grid.sample(space, Direction.MINIMIZE, trials, i);
            assertTrue(seen.add(p), "repeated " + p);
            Trial t = Trial.running(i, p, space, Instant.EPOCH);
            // A failed trial takes its point too, as in Optuna.
            trials.add(i % 3 == 0 ? t.fail("boom", Instant.EPOCH) : t.complete(i, Instant.EPOCH));
        }
        assertTrue(grid.exhausted(trials));
        List<Map<String, Object>> again = new ArrayList<>();
        List<Trial> none = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> p = new GridSampler(space, 5).sample(space, Direction.MINIMIZE, none, i);
            none.add(Trial.running(i, p, space, Instant.EPOCH));
            again.add(p);
        }
        assertEquals(again, trials.subList(0, 3).stream().map(Trial::params).toList());
    }

    @Test
    void continuousRangesNeedAStepOrExplicitValues() {
        Map<String, Distribution> m = new LinkedHashMap<>(space().params());
        m.put("lr", FloatDistribution.logUniform(1e-4, 1e-1));
        SearchSpace space = new SearchSpace(m);
        StudySpecException e = assertThrows(StudySpecException.class, () -> new GridSampler(space, 0));
        assertEquals("lr", e.errors().get(0).field());
        GridSampler grid = new GridSampler(space, Map.of("lr", List.of(1e-4, 1e-3, 1e-2)), 0);
        assertEquals(4 * 2 * 3 * 3, grid.size());
        StudySpecException outside = assertThrows(StudySpecException.class,
                () -> new GridSampler(space, Map.of("lr", List.of(0.5)), 0));
        assertEquals("grid.lr", outside.errors().get(0).field());
    }
}
