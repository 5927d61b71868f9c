package io.runvault.training;

/** How the learning rate changes from epoch to epoch (see {@link TrainingSpec#schedule()}). */
public enum ScheduleType implements NamedChoice {
    NONE("none"),
    COSINE("cosine"),
    STEP("step");

    private final String externalName;

    ScheduleType(String externalName) {
        this.externalName = externalName;
    }

    /** The choice called {@code name}, or an {@link IllegalArgumentException} listing the known names. */
    public static ScheduleType parse(String name) {
        return NamedChoice.parse(ScheduleType.class, "schedule", name);
    }

    @Override
    public String externalName() {
        return externalName;
    }

    @Override
    public String toString() {
        return externalName;
    }
}
