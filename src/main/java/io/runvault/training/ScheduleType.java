package io.runvault.training;

/** How the learning rate changes from epoch to epoch (see {@link TrainingSpec#schedule()}). */
public enum ScheduleType implements NamedChoice {
    NONE,
    COSINE,
    STEP;

    /** The choice called {@code name}, or an {@link IllegalArgumentException} listing the known names. */
    public static ScheduleType parse(String name) {
        return NamedChoice.parse(ScheduleType.class, "schedule", name);
    }

    @Override
    public String toString() {
        return externalName();
    }
}
