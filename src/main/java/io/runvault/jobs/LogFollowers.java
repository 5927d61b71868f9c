package io.runvault.jobs;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The clients that follow a job's log. Each keeps a connection open for as long as the job runs
 * (hours), but no server thread: a {@link LogFollow} is woken every half second by one shared
 * scheduler thread. Their number is still bounded, connections and open responses being finite:
 * {@code RUNVAULT_JOBS_LOG_FOLLOWERS}, default 16.
 */
@ApplicationScoped
public class LogFollowers {

    /** Seconds a refused follower is told to wait: the log is polled every half second, jobs run for minutes. */
    static final int RETRY_AFTER_SECONDS = 30;

    @Inject
    @ConfigProperty(name = "RUNVAULT_JOBS_LOG_FOLLOWERS", defaultValue = "16")
    int limit;

    @Inject
    HttpServletRequest request;

    @Inject
    LogFollowState state;

    private Semaphore slots;
    private ScheduledExecutorService scheduler;

    @PostConstruct
    void init() {
        slots = new Semaphore(Math.max(1, limit));
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "runvault-log-followers");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
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

    /**
     * Streams the job's log on the current request, which the REST layer has made asynchronous
     * (a suspended response), until the job ends; gives the caller's slot back when it ends.
     */
    void follow(String jobId, JobLog log, JobService jobs) throws IOException {
        AsyncContext async = request.getAsyncContext();
        LogFollow.start(new LogFollow.Source() {
            @Override
            public byte[] read(long offset, int max) throws IOException {
                return log.read(jobId, offset, max);
            }

            @Override
            public boolean finished() {
                return state.finished(jobId);
            }
        }, async, scheduler, this::release);
    }
}
