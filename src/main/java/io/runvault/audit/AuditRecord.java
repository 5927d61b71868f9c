package io.runvault.audit;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The content of one audit event: exactly what its hash covers. {@code details} is the canonical
 * (RFC 8785) JSON text of the details object, as stored. Records read back from the database are
 * taken as they are (a tampered row must still be representable, so that verify can name it);
 * {@link #checkNew} holds the rules for events being appended.
 */
public record AuditRecord(long seq, Instant occurredAt, String actor, String action, String target, String details,
                          String prevHash) {

    public static final int MAX_ACTOR = 64;
    public static final int MAX_ACTION = 64;
    public static final int MAX_TARGET = 300;
    public static final int MAX_DETAILS = 8000;
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9._-]*");

    /** The rules for a new event; a violation is a caller's bug, not a user's input. */
    public static void checkNew(String actor, String action, String target, String canonicalDetails) {
        require(actor != null && !actor.isEmpty() && actor.length() <= MAX_ACTOR, "actor is 1-" + MAX_ACTOR + " characters");
        require(action != null && action.length() <= MAX_ACTION && ACTION.matcher(action).matches(),
                "action is 1-" + MAX_ACTION + " characters of a-z 0-9 . _ -, starting with a letter");
        require(target != null && !target.isEmpty() && target.length() <= MAX_TARGET, "target is 1-" + MAX_TARGET + " characters");
        require(canonicalDetails.length() <= MAX_DETAILS, "details are at most " + MAX_DETAILS + " characters of JSON");
    }

    private static void require(boolean condition, String rule) {
        if (!condition) {
            throw new IllegalArgumentException("Audit event refused: " + rule);
        }
    }
}
