package io.runvault.runs;

import io.runvault.problem.InvalidRequestException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules a new run's file paths follow on top of {@link RunPath}, so that its archive unpacks to
 * the same files on Linux, macOS and Windows: no Windows device names or trailing dots/spaces, no
 * characters that NFKC folds into others (fullwidth dots and slashes), no two paths that differ only
 * in case, no file that is also another file's folder, and nothing at {@code manifest.json}, the
 * archive's own entry. Applied at commit only: runs stored before these rules stay readable.
 */
public final class PortablePaths {

    static final String MANIFEST_ENTRY = "manifest.json";
    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
    private static final String WINDOWS_FORBIDDEN = "<>:\"|?*\\";

    private PortablePaths() {
    }

    public static void check(List<FileEntry> files) {
        Map<String, String> byFolded = new HashMap<>();
        for (FileEntry file : files) {
            String path = file.path();
            portable(path);
            String folded = fold(path);
            if (folded.equals(MANIFEST_ENTRY) || folded.startsWith(MANIFEST_ENTRY + "/")) {
                throw new InvalidRequestException("reserved-path", "The path '" + path + "' is reserved: a run's archive "
                        + "holds its manifest at " + MANIFEST_ENTRY, Map.of("path", path));
            }
            String other = byFolded.putIfAbsent(folded, path);
            if (other != null) {
                throw clash(path, other, other.equals(path) ? "appears twice" : "differs from '" + other + "' only in case");
            }
        }
        // A file whose path is another file's folder cannot be unpacked next to it.
        for (FileEntry file : files) {
            String folded = fold(file.path());
            for (int slash = folded.indexOf('/'); slash > 0; slash = folded.indexOf('/', slash + 1)) {
                String folder = byFolded.get(folded.substring(0, slash));
                if (folder != null) {
                    throw clash(file.path(), folder, "lies under '" + folder + "', which is a file");
                }
            }
        }
    }

    /** Refuses a path that some common file system cannot hold as written. */
    static void portable(String path) {
        if (!Normalizer.normalize(path, Normalizer.Form.NFKC).equals(path)) {
            throw unportable(path, "it has characters that compatibility normalisation (NFKC) changes, "
                    + "such as fullwidth dots or slashes");
        }
        for (String segment : path.split("/", -1)) {
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c < 0x20 || c == 0x7f || WINDOWS_FORBIDDEN.indexOf(c) >= 0) {
                    throw unportable(path, "Windows forbids control characters and any of < > : \" | ? * \\");
                }
            }
            if (segment.endsWith(".") || segment.endsWith(" ")) {
                throw unportable(path, "Windows drops a trailing dot or space from '" + segment + "'");
            }
            int dot = segment.indexOf('.');
            String base = (dot < 0 ? segment : segment.substring(0, dot)).stripTrailing().toUpperCase(Locale.ROOT);
            if (DEVICES.contains(base)) {
                throw unportable(path, "'" + segment + "' is a Windows device name (CON, PRN, AUX, NUL, COM0-9, LPT0-9)");
            }
        }
    }

    /** Case-insensitive file systems (Windows, macOS by default) treat these as one name. */
    private static String fold(String path) {
        return path.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static InvalidRequestException unportable(String path, String reason) {
        return new InvalidRequestException("bad-path", "Invalid path '" + shown(path) + "': not portable, " + reason,
                Map.of("path", shown(path)));
    }

    private static InvalidRequestException clash(String path, String other, String reason) {
        return new InvalidRequestException("duplicate-path", "The path '" + shown(path) + "' " + reason
                + ", so the run would not unpack as it was committed", Map.of("path", shown(path), "clashesWith", shown(other)));
    }

    private static String shown(String path) {
        return path.length() > 120 ? path.substring(0, 120) + "..." : path;
    }
}
