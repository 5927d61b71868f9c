package io.runvault.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.models.Stage;
import io.runvault.problem.InvalidRequestException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lifecycle of a model version: raw -> validated -> production, archived and rejected, nothing back. */
class StageMovesTest {

    private static final Set<Stage> LIVE = EnumSet.of(Stage.RAW, Stage.VALIDATED, Stage.PRODUCTION);

    @Test
    void promotionsGoOneStepUpFromRaw() {
        assertTrue(Stage.RAW.canMoveTo(Stage.VALIDATED));
        assertTrue(Stage.VALIDATED.canMoveTo(Stage.PRODUCTION));
        assertFalse(Stage.RAW.canMoveTo(Stage.PRODUCTION), "production needs validated first");
        assertFalse(Stage.PRODUCTION.canMoveTo(Stage.VALIDATED), "no step back down");
        assertFalse(Stage.VALIDATED.canMoveTo(Stage.VALIDATED));
        assertFalse(Stage.PRODUCTION.canMoveTo(Stage.PRODUCTION));
    }

    @Test
    void nothingReturnsToRaw() {
        for (Stage from : Stage.values()) {
            assertFalse(from.canMoveTo(Stage.RAW), from + " -> raw");
        }
    }

    @Test
    void everyLiveStageCanBeArchivedAndOnlyThose() {
        for (Stage from : Stage.values()) {
            assertEquals(LIVE.contains(from), from.canMoveTo(Stage.ARCHIVED), from + " -> archived");
        }
    }

    @Test
    void onlyVersionsNotInProductionCanBeRejected() {
        for (Stage from : Stage.values()) {
            boolean expected = from == Stage.RAW || from == Stage.VALIDATED;
            assertEquals(expected, from.canMoveTo(Stage.REJECTED), from + " -> rejected");
        }
    }

    @Test
    void archivedAndRejectedAreFinal() {
        for (Stage to : Stage.values()) {
            assertFalse(Stage.ARCHIVED.canMoveTo(to), "archived -> " + to);
            assertFalse(Stage.REJECTED.canMoveTo(to), "rejected -> " + to);
        }
    }

    @Test
    void aPromotionCanOnlyBeRequestedToValidatedOrProduction() {
        assertEquals(Stage.RAW, Stage.VALIDATED.promotedFrom());
        assertEquals(Stage.VALIDATED, Stage.PRODUCTION.promotedFrom());
        assertNull(Stage.RAW.promotedFrom());
        assertNull(Stage.ARCHIVED.promotedFrom());
        assertNull(Stage.REJECTED.promotedFrom());
        for (Stage to : Stage.values()) {
            if (to.promotedFrom() != null) {
                assertTrue(to.promotedFrom().canMoveTo(to), "a requestable promotion is a legal move: " + to);
            }
        }
    }

    @Test
    void stagesTravelAsLowerCaseNames() {
        for (Stage s : Stage.values()) {
            assertEquals(s, Stage.parse(s.wire()));
        }
        assertEquals("production", Stage.PRODUCTION.wire());
        assertThrows(InvalidRequestException.class, () -> Stage.parse("PRODUCTION"));
        assertThrows(InvalidRequestException.class, () -> Stage.parse("staging"));
    }
}
