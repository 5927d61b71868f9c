package io.runvault.audit;

import io.runvault.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * A validated audit query: exact target, actor and action, a time window [from, to), the order of
 * seq, a page size and a keyset cursor (the last seq of the previous page, tied to the order).
 */
public record AuditQuery(String target, String actor, String action, Instant from, Instant to, boolean descending,
                         int limit, Long afterSeq) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 50;

    public static AuditQuery parse(String target, String actor, String action, String from, String to, String order,
                                   String limit, String cursor) {
        boolean descending = switch (order == null ? "desc" : order) {
            case "desc" -> true;
            case "asc" -> false;
            default -> throw new InvalidRequestException("bad-filter", "order is 'desc' or 'asc'");
        };
        int pageSize = pageSize(limit);
        Long after = cursor == null || cursor.isEmpty() ? null : decodeCursor(cursor, descending);
        return filters(target, actor, action, from, to, descending, pageSize, after);
    }

    /** Every matching event in chain order, for the export. */
    public static AuditQuery export(String target, String actor, String action, String from, String to) {
        return filters(target, actor, action, from, to, false, MAX_LIMIT, null);
    }

    /** The same filters, continuing after the given seq. */
    public AuditQuery after(long seq) {
        return new AuditQuery(target, actor, action, from, to, descending, limit, seq);
    }

    public String cursorAfter(long seq) {
        String text = (descending ? "desc:" : "asc:") + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static AuditQuery filters(String target, String actor, String action, String from, String to,
                                      boolean descending, int limit, Long after) {
        checkText("target", target, AuditRecord.MAX_TARGET);
        checkText("actor", actor, AuditRecord.MAX_ACTOR);
        checkText("action", action, AuditRecord.MAX_ACTION);
        Instant start = time("from", from);
        Instant end = time("to", to);
        if (start != null && end != null && start.isAfter(end)) {
            throw new InvalidRequestException("bad-filter", "from is after to");
        }
        return new AuditQuery(target, actor, action, start, end, descending, limit, after);
    }

    private static int pageSize(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int size = Integer.parseInt(limit);
            if (size >= 1 && size <= MAX_LIMIT) {
                return size;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, like an out-of-range number
        }
        throw new InvalidRequestException("bad-filter", "limit is a whole number between 1 and " + MAX_LIMIT);
    }

    private static void checkText(String name, String value, int max) {
        if (value != null && (value.isEmpty() || value.length() > max)) {
            throw new InvalidRequestException("bad-filter", name + " is 1-" + max + " characters");
        }
    }

    private static Instant time(String name, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("bad-filter",
                    name + " is an RFC 3339 time with offset, e.g. 2026-11-24T10:15:00Z");
        }
    }

    private static Long decodeCursor(String cursor, boolean descending) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String prefix = descending ? "desc:" : "asc:";
            if (text.startsWith(prefix)) {
                long seq = Long.parseLong(text.substring(prefix.length()));
                if (seq >= 0) {
                    return seq;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // refused below
        }
        throw new InvalidRequestException("bad-cursor",
                "The cursor is not one this query returned (it must be used with the same order)");
    }
}
