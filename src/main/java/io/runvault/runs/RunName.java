package io.runvault.runs;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The human name users already give their run folders: {@code YYYYMMDD_<dataset>_<architecture>_<6 hex>}.
 * The date is the manifest's createdAt in UTC. The dataset is {@code lineage.datasetName}, else the
 * tag or param {@code dataset}, else {@code nodata}; the architecture is the param or tag
 * {@code architecture}, else {@code model}. Both are lower-cased to {@code [a-z0-9-]}.
 */
final class RunName {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final int MAX_PART = 40;

    private RunName() {
    }

    static String of(RunManifest manifest, String idHex) {
        String dataset = first(manifest.lineage().datasetName(), manifest.tags().get("dataset"),
                textOf(manifest.params().get("dataset")), "nodata");
        String architecture = first(textOf(manifest.params().get("architecture")), manifest.tags().get("architecture"),
                "model");
        return DAY.format(manifest.createdAt()) + "_" + slug(dataset, "nodata") + "_" + slug(architecture, "model")
                + "_" + idHex.substring(0, 6);
    }

    private static String textOf(Object value) {
        return value == null ? null : ParamText.of(value);
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        throw new IllegalStateException("the last candidate is a constant");
    }

    static String slug(String text, String fallback) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_PART) {
            slug = slug.substring(0, MAX_PART).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? fallback : slug;
    }
}
