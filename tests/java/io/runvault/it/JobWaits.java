package io.runvault.it;

import io.runvault.client.api.JobsApi;
import io.runvault.client.model.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;

/** Polls a job through the API until it gets where a test wants it, ten minutes at most. */
final class JobWaits {

    private static final Duration LIMIT = Duration.ofMinutes(10);

    private JobWaits() {
    }

    static boolean isFinished(Job job) {
        return Set.of("completed", "failed", "stopped").contains(job.getState());
    }

    static Job finished(JobsApi jobs, String id) throws Exception {
        return until(jobs, id, JobWaits::isFinished);
    }

    static Job until(JobsApi jobs, String id, Predicate<Job> done) throws Exception {
        Instant deadline = Instant.now().plus(LIMIT);
        while (Instant.now().isBefore(deadline)) {
            Job job = jobs.getJob(id);
            if (done.test(job)) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not get there: " + jobs.getJob(id) + "\n" + jobs.getJobLog(id, false));
    }
}
