package io.runvault.jobs;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
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
                return jobs.finishedNow(jobId);
            }
        }, async, scheduler, this::release);
    }

    /**
     * One client following a job's log ({@code GET /jobs/{id}/log?follow=true}) without holding a
     * server thread while it waits: the request is asynchronous, a shared scheduler looks every half
     * second, and a container thread writes what the log has gained, then returns to the pool. The chunked text response ends once the
     * job has finished and the log's last bytes are sent, or after six hours; then the follower's slot
     * is given back, as it is when the client goes away.
     */
    static final class LogFollow implements AsyncListener {

        static final long POLL_MILLIS = 500;
        static final long LIMIT_MILLIS = 6 * 3600 * 1000L;
        private static final int CHUNK = 1 << 16;
        private static final Logger LOG = Logger.getLogger(LogFollow.class.getName());

        /** What a follow needs from the jobs platform: the log's bytes and whether the job is over. */
        interface Source {
            byte[] read(long offset, int max) throws IOException;

            boolean finished();
        }

        private final Source source;
        private final AsyncContext async;
        private final Runnable release;
        private final long until;
        private ServletOutputStream out;
        private ScheduledFuture<?> poll;
        private long offset;
        private boolean ended;

        private LogFollow(Source source, AsyncContext async, Runnable release) {
            this.source = source;
            this.async = async;
            this.release = release;
            this.until = System.currentTimeMillis() + LIMIT_MILLIS;
        }

        /**
         * Starts following on a request that is already asynchronous; {@code release} runs exactly once,
         * when the response has ended for whatever reason.
         */
        static void start(Source source, AsyncContext async, ScheduledExecutorService scheduler, Runnable release)
                throws IOException {
            LogFollow follow = new LogFollow(source, async, release);
            // Longer than the follow itself: the response always ends by the six-hour limit, never by
            // the container's timeout (whose own answer would clash with the text already sent).
            async.setTimeout(LIMIT_MILLIS + TimeUnit.MINUTES.toMillis(10));
            async.addListener(follow);
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            response.setStatus(200);
            response.setContentType("text/plain;charset=UTF-8");
            synchronized (follow) {
                follow.out = response.getOutputStream();
                follow.poll = scheduler.scheduleWithFixedDelay(follow::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        /**
         * The scheduler's thread only hands the look to the container, whose thread has the
         * application's context (the job's state is read from the database); neither waits.
         */
        private void poll() {
            try {
                async.start(this::pumpQuietly);
            } catch (IllegalStateException over) {
                stop(over);
            }
        }

        private void pumpQuietly() {
            try {
                pump();
            } catch (IOException | RuntimeException e) {
                stop(e);
            }
        }

        /** Writes what the log has gained since the last look; ends the response after the job. */
        private synchronized void pump() throws IOException {
            if (ended || out == null) {
                return;
            }
            boolean over = source.finished() || System.currentTimeMillis() > until;
            // Read after the state: what the job wrote before it finished is in the file by then.
            byte[] chunk;
            while ((chunk = source.read(offset, CHUNK)).length > 0) {
                offset += chunk.length;
                out.write(chunk);
            }
            out.flush();
            if (over) {
                end();
            }
        }

        /** Ends the follow early: the connection failed or closed, or the container ended the request. */
        private void stop(Throwable failure) {
            if (failure != null) {
                LOG.log(Level.INFO, "A job log follower's response ended early: " + failure, failure);
            }
            synchronized (this) {
                if (ended) {
                    return;
                }
                end();
            }
        }

        private void end() {
            ended = true;
            if (poll != null) {
                poll.cancel(false);
            }
            try {
                async.complete();
            } catch (IllegalStateException alreadyOver) {
                // The container ended the request first (the client went away).
            } finally {
                release.run();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            stop(null);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            stop(event.getThrowable());
        }

        @Override
        public void onError(AsyncEvent event) {
            stop(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Not restarted.
        }
    }
}
