package io.runvault.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The progress of the jobs running in this server, by job id. */
@ApplicationScoped
public class LiveJobs {

    private final Map<String, JobProgress> running = new ConcurrentHashMap<>();

    public JobProgress begin(String jobId) {
        JobProgress progress = new JobProgress();
        running.put(jobId, progress);
        return progress;
    }

    public void end(String jobId) {
        running.remove(jobId);
    }

    public JobProgress get(String jobId) {
        return running.get(jobId);
    }

    public void requestStop(String jobId) {
        JobProgress progress = running.get(jobId);
        if (progress != null) {
            progress.requestStop();
        }
    }
}
