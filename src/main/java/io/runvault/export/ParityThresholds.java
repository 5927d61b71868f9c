package io.runvault.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * How close the ONNX model must stay to the trained DJL model.
 *
 * @param maxAbsDiff the largest allowed absolute difference of any probability
 * @param minArgmaxAgreement the smallest allowed share of images whose top class agrees
 */
public record ParityThresholds(
        @JsonProperty("max_abs_diff") @JsonbProperty("max_abs_diff") double maxAbsDiff,
        @JsonProperty("min_argmax_agreement") @JsonbProperty("min_argmax_agreement") double minArgmaxAgreement) {

    /** 1e-4 on probabilities and 99.9% top-class agreement. */
    public static final ParityThresholds DEFAULT = new ParityThresholds(1e-4, 0.999);

    public ParityThresholds {
        if (!(maxAbsDiff >= 0 && Double.isFinite(maxAbsDiff))) {
            throw new IllegalArgumentException("max_abs_diff is a finite number >= 0, got " + maxAbsDiff);
        }
        if (!(minArgmaxAgreement >= 0 && minArgmaxAgreement <= 1)) {
            throw new IllegalArgumentException("min_argmax_agreement is between 0 and 1, got " + minArgmaxAgreement);
        }
    }

    /** Whether measured numbers meet these thresholds (and there were samples to measure). */
    public boolean met(double measuredMaxAbsDiff, double measuredArgmaxAgreement, int samples) {
        return samples > 0 && measuredMaxAbsDiff <= maxAbsDiff && measuredArgmaxAgreement >= minArgmaxAgreement;
    }
}
