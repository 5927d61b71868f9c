package io.runvault.studies;

import java.util.Map;

/**
 * The range of one hyperparameter, with Optuna's two representations of a value: the external one
 * (what the training spec receives: a Double, a Long or a categorical choice) and the internal one
 * (a double: the number itself, or a categorical choice's index), which is what samplers work on and
 * what Optuna's storage keeps in {@code trial_params.param_value}.
 */
public sealed interface Distribution permits FloatDistribution, IntDistribution, CategoricalDistribution {

    /** The internal (double) form of an external value of this distribution. */
    double toInternal(Object external);

    /** The external value of an internal one. */
    Object toExternal(double internal);

    /** Whether an external value lies in this distribution. */
    boolean contains(Object external);

    /** Optuna's JSON form: {@code {"name": "FloatDistribution", "attributes": {...}}}. */
    Map<String, Object> toOptunaJson();
}
