package io.runvault.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Whether a followed job has finished, asked from the container threads that feed log followers:
 * those threads run outside any request, so the query gets a transaction of its own.
 */
@ApplicationScoped
public class LogFollowState {

    @Inject
    JobService jobs;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean finished(String jobId) {
        return jobs.stateOf(jobId).finished();
    }
}
