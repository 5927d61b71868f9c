package io.runvault.runs;

import java.util.Locale;
import java.util.Map;

/** The media type a run file gets when its manifest names none: decided by extension only. */
public final class FileMediaTypes {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("json", "application/json"),
            Map.entry("csv", "text/csv"),
            Map.entry("txt", "text/plain"),
            Map.entry("log", "text/plain"),
            Map.entry("md", "text/markdown"),
            Map.entry("yaml", "application/yaml"),
            Map.entry("yml", "application/yaml"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("onnx", "application/onnx"),
            Map.entry("npz", "application/zip"),
            Map.entry("zip", "application/zip"),
            Map.entry("db", "application/vnd.sqlite3"),
            Map.entry("html", "text/html"),
            Map.entry("pdf", "application/pdf"));

    private FileMediaTypes() {
    }

    public static String forPath(RunPath path) {
        String name = path.fileName();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(extension, "application/octet-stream");
    }
}
