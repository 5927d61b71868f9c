package io.runvault.evaluation;

import java.util.Arrays;
import java.util.Locale;

/**
 * The corruptions of a robustness test, each at severities 1 to 5, with the parameter each
 * severity uses. The values follow ImageNet-C (Hendrycks &amp; Dietterich, ICLR 2019, the
 * {@code make_imagenet_c.py} tables) where ImageNet-C has the corruption, so results read like
 * the published ones; rotation and occlusion are not in ImageNet-C and get evenly spaced steps.
 *
 * <table>
 * <caption>Parameter per severity (pixels in [0, 1])</caption>
 * <tr><th>corruption</th><th>parameter</th><th>1</th><th>2</th><th>3</th><th>4</th><th>5</th><th>source</th></tr>
 * <tr><td>gaussian_noise</td><td>noise standard deviation</td><td>0.08</td><td>0.12</td><td>0.18</td><td>0.26</td><td>0.38</td><td>ImageNet-C</td></tr>
 * <tr><td>salt_and_pepper</td><td>fraction of pixels set to 0 or 1 (half each)</td><td>0.03</td><td>0.06</td><td>0.09</td><td>0.17</td><td>0.27</td><td>ImageNet-C impulse_noise</td></tr>
 * <tr><td>gaussian_blur</td><td>sigma in pixels at a 32-pixel side, scaled with the image's shorter side</td><td>0.4</td><td>0.6</td><td>0.7</td><td>0.8</td><td>1.0</td><td>CIFAR-10-C (at 224 px: 2.8-7, ImageNet-C uses 1-6)</td></tr>
 * <tr><td>brightness</td><td>added to HSV value (grey level for one channel)</td><td>0.1</td><td>0.2</td><td>0.3</td><td>0.4</td><td>0.5</td><td>ImageNet-C</td></tr>
 * <tr><td>contrast</td><td>factor towards the per-channel image mean</td><td>0.4</td><td>0.3</td><td>0.2</td><td>0.1</td><td>0.05</td><td>ImageNet-C</td></tr>
 * <tr><td>rotation</td><td>degrees, direction drawn per image</td><td>6</td><td>12</td><td>18</td><td>24</td><td>30</td><td>evenly spaced</td></tr>
 * <tr><td>occlusion</td><td>side of a mid-grey square, fraction of the image side</td><td>0.1</td><td>0.2</td><td>0.3</td><td>0.4</td><td>0.5</td><td>evenly spaced (Cutout)</td></tr>
 * <tr><td>jpeg_compression</td><td>JPEG quality</td><td>25</td><td>18</td><td>15</td><td>10</td><td>7</td><td>ImageNet-C</td></tr>
 * </table>
 *
 * <p>How each is applied is described on {@link ImageCorrupter}.
 */
public enum Corruption {
    GAUSSIAN_NOISE("Gaussian noise", 0.08, 0.12, 0.18, 0.26, 0.38),
    SALT_AND_PEPPER("Salt and pepper", 0.03, 0.06, 0.09, 0.17, 0.27),
    GAUSSIAN_BLUR("Gaussian blur", 0.4, 0.6, 0.7, 0.8, 1.0),
    BRIGHTNESS("Brightness", 0.1, 0.2, 0.3, 0.4, 0.5),
    CONTRAST("Contrast", 0.4, 0.3, 0.2, 0.1, 0.05),
    ROTATION("Rotation", 6, 12, 18, 24, 30),
    OCCLUSION("Occlusion", 0.1, 0.2, 0.3, 0.4, 0.5),
    JPEG_COMPRESSION("JPEG compression", 25, 18, 15, 10, 7);

    /** The lowest and highest severity. */
    public static final int MIN_SEVERITY = 1;
    public static final int MAX_SEVERITY = 5;

    private final String displayName;
    private final double[] parameters;

    Corruption(String displayName, double... parameters) {
        this.displayName = displayName;
        this.parameters = parameters;
    }

    /** The name in files, sheets and metric keys: {@code gaussian_noise}, {@code jpeg_compression}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name in figure titles and legends. */
    public String displayName() {
        return displayName;
    }

    /** The parameter of a severity (see the table above). */
    public double parameter(int severity) {
        checkSeverity(severity);
        return parameters[severity - 1];
    }

    /** The corruption with this {@link #id()}. */
    public static Corruption fromId(String id) {
        for (Corruption c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown corruption '" + id + "'; known: "
                + Arrays.stream(values()).map(Corruption::id).toList());
    }

    static void checkSeverity(int severity) {
        if (severity < MIN_SEVERITY || severity > MAX_SEVERITY) {
            throw new IllegalArgumentException("severity must be " + MIN_SEVERITY + "-" + MAX_SEVERITY + ", got " + severity);
        }
    }
}
