package io.runvault.runs;

import io.runvault.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Map;

/**
 * A file's place inside a run: relative, '/'-separated, NFC, no '.', '..' or empty segments, no
 * control characters, and none of the characters that some file systems or URL decoders treat
 * specially ({@code \ : * ? " < > | %}), so the run's archive unpacks safely anywhere.
 */
public record RunPath(String value) implements Comparable<RunPath> {

    public static final int MAX_BYTES = 1024;
    public static final int MAX_SEGMENT_BYTES = 255;
    private static final String FORBIDDEN = "\\:*?\"<>|%";

    public RunPath {
        value = validate(value);
    }

    public static RunPath of(String raw) {
        return new RunPath(raw);
    }

    private static String validate(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw invalid(raw, "a path may not be empty");
        }
        String path = Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw invalid(raw, "a path is at most " + MAX_BYTES + " bytes");
        }
        if (path.startsWith("/")) {
            throw invalid(raw, "a path is relative: no leading '/'");
        }
        for (int i = 0; i < path.length(); ) {
            int cp = path.codePointAt(i);
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF
                    || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE) {
                throw invalid(raw, "a path may not contain control or format characters");
            }
            if (FORBIDDEN.indexOf(cp) >= 0) {
                throw invalid(raw, "a path may not contain any of \\ : * ? \" < > | %");
            }
            i += Character.charCount(cp);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                throw invalid(raw, "a path may not have empty segments ('//' or a trailing '/')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw invalid(raw, "a path may not have '.' or '..' segments");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw invalid(raw, "a path segment is at most " + MAX_SEGMENT_BYTES + " bytes");
            }
        }
        return path;
    }

    private static InvalidRequestException invalid(String raw, String rule) {
        String shown = raw == null ? "" : raw.length() > 120 ? raw.substring(0, 120) + "..." : raw;
        shown = shown.codePoints().map(cp -> Character.isISOControl(cp) ? '?' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return new InvalidRequestException("bad-path", "Invalid path '" + shown + "': " + rule,
                Map.of("path", shown));
    }

    /** The file name, for media type guessing. */
    public String fileName() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    @Override
    public int compareTo(RunPath other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
