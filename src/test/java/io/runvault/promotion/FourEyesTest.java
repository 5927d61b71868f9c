package io.runvault.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runvault.problem.ConflictException;
import io.runvault.problem.ForbiddenException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A production promotion is approved only by someone who neither asked for it nor committed the run. */
class FourEyesTest {

    private static final Instant ASKED = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant DECIDED = ASKED.plusSeconds(60);

    private static PromotionRequest pending() {
        return new PromotionRequest("r1", "fashion", 3, "production", "requester", "better AUC",
                PromotionRequest.Status.PENDING, "[]", ASKED);
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequest() {
        PromotionRequest r = pending();
        ForbiddenException e = assertThrows(ForbiddenException.class, () -> r.approve("requester", "creator", DECIDED));
        assertEquals(403, e.status());
        assertEquals("pending", r.status(), "a refused approval decides nothing");
        assertNull(r.decidedBy());
    }

    @Test
    void theRunsCreatorCannotApproveIt() {
        PromotionRequest r = pending();
        assertThrows(ForbiddenException.class, () -> r.approve("creator", "creator", DECIDED));
        assertEquals("pending", r.status());
    }

    @Test
    void aRequesterWhoAlsoCommittedTheRunCannotApprove() {
        PromotionRequest r = pending();
        assertThrows(ForbiddenException.class, () -> r.approve("requester", "requester", DECIDED));
    }

    @Test
    void aThirdPersonApproves() {
        PromotionRequest r = pending();
        r.approve("approver", "creator", DECIDED);
        assertEquals("approved", r.status());
        assertEquals("approver", r.decidedBy());
        assertEquals(DECIDED, r.decidedAt());
    }

    @Test
    void onlyAPendingRequestIsDecided() {
        PromotionRequest approved = pending();
        approved.approve("approver", "creator", DECIDED);
        assertThrows(ConflictException.class, () -> approved.approve("other", "creator", DECIDED));
        assertThrows(ConflictException.class, () -> approved.reject("other", "too late", DECIDED));
        assertEquals("approver", approved.decidedBy(), "the first decision stands");

        PromotionRequest applied = new PromotionRequest("r2", "fashion", 2, "validated", "requester", "gates pass",
                PromotionRequest.Status.APPLIED, "[]", ASKED);
        assertThrows(ConflictException.class, () -> applied.approve("approver", "creator", DECIDED));
    }

    @Test
    void aRejectionNeedsNoSecondPerson() {
        PromotionRequest r = pending();
        r.reject("requester", "found a leak in the split", DECIDED);
        assertEquals("rejected", r.status());
        assertEquals("found a leak in the split", r.decisionReason());
        assertThrows(ConflictException.class, () -> r.approve("approver", "creator", DECIDED));
    }
}
