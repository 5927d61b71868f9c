package io.runvault.jobs;

import java.util.Locale;

/** Where a job is. Stopped and failed jobs can be restarted; completed ones cannot. */
public enum JobState {
    QUEUED, RUNNING, STOPPING, STOPPED, FAILED, COMPLETED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == STOPPED || this == FAILED || this == COMPLETED;
    }

    public boolean restartable() {
        return this == STOPPED || this == FAILED;
    }
}
