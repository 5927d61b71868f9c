package io.runvault.export;

import io.runvault.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a model wants its input pixels: {@code (raw * scale - mean[c]) / std[c]} with {@code raw} the
 * 8-bit value (0-255). Stored images hold {@code raw / 255}, which is what Runvault's own models
 * take: {@link #DEFAULT} ({@code scale = 1/255}, mean 0, std 1) leaves them as they are.
 * A single mean or std value applies to every channel.
 */
public record Normalization(double scale, double[] mean, double[] std) {

    public static final Normalization DEFAULT = new Normalization(1.0 / 255, new double[] {0}, new double[] {1});
    private static final Pattern DIVIDED = Pattern.compile("\\s*pixel\\s*(?:/\\s*([0-9.eE+-]+))?\\s*");

    public Normalization {
        mean = mean.clone();
        std = std.clone();
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("normalization.scale is a positive number");
        }
        if (mean.length == 0 || std.length == 0) {
            throw new IllegalArgumentException("normalization.mean and std have one value or one per channel");
        }
        for (double s : std) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("normalization.std values are positive numbers");
            }
        }
        for (double m : mean) {
            if (!Double.isFinite(m)) {
                throw new IllegalArgumentException("normalization.mean values are finite numbers");
            }
        }
    }

    /** Whether stored pixels go in unchanged. */
    public boolean isIdentity() {
        return Math.abs(scale * 255 - 1) < 1e-12 && Arrays.stream(mean).allMatch(m -> m == 0)
                && Arrays.stream(std).allMatch(s -> s == 1);
    }

    /** Why this cannot apply to images of {@code channels} channels, or null. */
    public String misfit(int channels) {
        if (mean.length != 1 && mean.length != channels || std.length != 1 && std.length != channels) {
            return "normalization has " + mean.length + " mean and " + std.length + " std values; the images have "
                    + channels + " channel(s) (give one value or one per channel)";
        }
        return null;
    }

    /** A normalised copy of N x C x H x W stored pixels (or the array itself when nothing changes). */
    public float[] apply(float[] stored, int channels, int height, int width) {
        if (isIdentity()) {
            return stored;
        }
        float[] out = new float[stored.length];
        int plane = height * width;
        double factor = 255 * scale;
        for (int i = 0; i < stored.length; i++) {
            int c = (i / plane) % channels;
            double m = mean[mean.length == 1 ? 0 : c];
            double s = std[std.length == 1 ? 0 : c];
            out[i] = (float) ((stored[i] * factor - m) / s);
        }
        return out;
    }

    /**
     * The {@code input_normalisation} metadata OnnxExport writes ({@code scale: "pixel / 255"},
     * {@code mean}, {@code std} as a number or a list); null when absent or unreadable.
     */
    public static Normalization fromMetadata(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            double scale = 1.0 / 255;
            JsonNode s = n.path("scale");
            if (s.isNumber()) {
                scale = s.doubleValue();
            } else if (s.isTextual()) {
                Matcher m = DIVIDED.matcher(s.textValue().toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    return null;
                }
                scale = m.group(1) == null ? 1 : 1 / Double.parseDouble(m.group(1));
            }
            return new Normalization(scale, values(n.path("mean"), 0), values(n.path("std"), 1));
        } catch (Exception unreadable) {
            return null;
        }
    }

    private static double[] values(JsonNode node, double fallback) {
        if (node.isNumber()) {
            return new double[] {node.doubleValue()};
        }
        if (node.isArray()) {
            double[] out = new double[node.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = node.get(i).doubleValue();
            }
            return out;
        }
        return new double[] {fallback};
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "(pixel * %.6g - %s) / %s", scale, Arrays.toString(mean), Arrays.toString(std));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && n.scale == scale && Arrays.equals(n.mean, mean) && Arrays.equals(n.std, std);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(scale) * 31 + Arrays.hashCode(mean) * 17 + Arrays.hashCode(std);
    }
}
