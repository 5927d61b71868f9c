package io.runvault.training;

/** How the learning rate changes from epoch to epoch (see {@link TrainingSpec#schedule()}). */
public enum ScheduleType implements NamedChoice {
    NONE,
    COSINE,
    STEP;

    @Override
    public String toString() {
        return externalName();
    }
}
