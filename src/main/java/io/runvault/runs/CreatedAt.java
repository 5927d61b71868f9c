package io.runvault.runs;

import io.runvault.problem.InvalidRequestException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A run's createdAt as RFC 3339 section 5.6 writes it: a 4-digit year, seconds, an optional fraction
 * and an offset. Java's parser also takes expanded years ({@code +999999999-...}, {@code -0001-...})
 * that overflow later or make no sense for a run, so the grammar is checked first, and the instant
 * must stay within years 0000-9999 in UTC too (its canonical form is written in UTC).
 */
final class CreatedAt {

    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private CreatedAt() {
    }

    static Instant parse(String text) {
        if (!RFC_3339.matcher(text).matches()) {
            throw invalid();
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeException e) {
            throw invalid();
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidRequestException("bad-manifest",
                    "createdAt must fall within the years 0000-9999 in UTC, e.g. 2026-11-24T10:15:00Z");
        }
        return instant;
    }

    private static InvalidRequestException invalid() {
        return new InvalidRequestException("bad-manifest",
                "createdAt must be an RFC 3339 time with a 4-digit year and an offset, e.g. 2026-11-24T10:15:00Z");
    }
}
