package io.runvault.training;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.util.ArrayList;
import java.util.List;

/**
 * Training-time image augmentation, applied on the fly to each training batch (never to validation).
 *
 * @param flip horizontal flip with probability 0.5
 * @param translate random shift of up to this many pixels in x and y (0 = off), the uncovered border
 *     filled with 0
 * @param rotation random rotation of up to this many degrees either way (0 = off), nearest neighbour
 * @param noise standard deviation of added Gaussian noise (0 = off), the result clamped to [0, 1]
 *     (the constraints are for requests; {@link TrainingSpec} checks the same ranges on every spec)
 */
public record Augmentation(
        boolean flip,
        @Min(value = 0, message = "must be >= 0 pixels") int translate,
        @DecimalMin(value = "0", message = "must be between 0 and 180 degrees")
        @DecimalMax(value = "180", message = "must be between 0 and 180 degrees") double rotation,
        @DecimalMin(value = "0", message = "must be between 0 and 1")
        @DecimalMax(value = "1", message = "must be between 0 and 1") double noise) {

    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(false, 0, 0, 0);

    /** Whether any augmentation is switched on. */
    public boolean enabled() {
        return flip || translate > 0 || rotation > 0 || noise > 0;
    }

    List<String> validate() {
        List<String> errors = new ArrayList<>();
        if (translate < 0) {
            errors.add("augmentation translate must be >= 0 pixels, got " + translate);
        }
        if (!(rotation >= 0 && rotation <= 180)) {
            errors.add("augmentation rotation must be between 0 and 180 degrees, got " + rotation);
        }
        if (!(noise >= 0 && noise <= 1)) {
            errors.add("augmentation noise must be between 0 and 1, got " + noise);
        }
        return errors;
    }
}
