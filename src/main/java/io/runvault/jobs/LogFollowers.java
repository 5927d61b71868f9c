package io.runvault.jobs;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the clients that follow a job's log at once: each follower keeps a connection and a
 * server thread for as long as the job runs (hours), so without a bound a few scripts could take
 * every thread of the server. {@code RUNVAULT_JOBS_LOG_FOLLOWERS}, default 16.
 */
@ApplicationScoped
public class LogFollowers {

    /** Seconds a refused follower is told to wait: the log is polled every half second, jobs run for minutes. */
    static final int RETRY_AFTER_SECONDS = 30;

    @Inject
    @ConfigProperty(name = "RUNVAULT_JOBS_LOG_FOLLOWERS", defaultValue = "16")
    int limit;

    private Semaphore slots;

    @PostConstruct
    void init() {
        slots = new Semaphore(Math.max(1, limit));
    }

    /** A slot, or false when every slot is taken; a true answer must be matched by {@link #release()}. */
    public boolean tryAcquire() {
        return slots.tryAcquire();
    }

    public void release() {
        slots.release();
    }

    public int limit() {
        return Math.max(1, limit);
    }
}
