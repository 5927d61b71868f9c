package io.runvault.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.runvault.audit.AuditLog;
import io.runvault.json.Json;
import io.runvault.problem.ConflictException;
import io.runvault.problem.InvalidRequestException;
import io.runvault.problem.NotFoundException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/** Jobs from submission to outcome. The batch runtime runs them; this keeps what users see. */
@ApplicationScoped
public class JobService {

    private static final TypeReference<HashMap<String, Double>> METRICS = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Object>> SPEC = new TypeReference<>() { };

    /** The kind of a spec that names none (specs from before there were other kinds). */
    private static final String DEFAULT_KIND = "train";

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    JobLog log;

    @Inject
    @Any
    Instance<JobKind> kinds;

    @Inject
    LiveJobs live;

    /** Checks and records a job; {@link #launch} then hands it to the batch runtime (after this commits). */
    @Transactional
    public JobEntity submit(String body, String user) {
        JobKind kind = kindOf(body);
        JobKind.Accepted spec = kind.accept(body);
        JobEntity job = new JobEntity(UUID.randomUUID().toString().replace("-", ""), kind.name(), spec.experiment(),
                spec.spec() == null ? body.strip() : spec.spec(), spec.totalEpochs(), user, clock.instant());
        em.persist(job);
        em.flush();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", job.kind());
        details.put("experiment", job.experiment());
        details.putAll(spec.audit());
        audit.append(user, "job.submit", job.id(), details);
        log.append(job.id(), "submitted by " + user + ": " + kind.name() + ", " + spec.summary());
        return job;
    }

    /** The kind a spec names ({@code train} when it names none); an unknown one is a 400. */
    private JobKind kindOf(String body) {
        String name = DEFAULT_KIND;
        try {
            JsonNode named = body == null ? null : Json.MAPPER.readTree(body).get("kind");
            if (named != null && named.isTextual()) {
                name = named.textValue();
            }
        } catch (JsonProcessingException | RuntimeException notJson) {
            // The kind's binder reports malformed JSON with its reason.
        }
        for (JobKind kind : kinds) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        List<String> known = kinds.stream().map(JobKind::name).sorted().toList();
        throw new InvalidRequestException("bad-job-spec", "kind '" + name + "' is not known " + known,
                Map.of("errors", List.of("kind '" + name + "' is not known " + known)));
    }

    /** The kind of a recorded job. */
    public JobKind kind(JobEntity job) {
        return kinds.stream().filter(k -> k.name().equals(job.kind())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no job kind " + job.kind()));
    }

    public void launch(String jobId) {
        launch(get(jobId));
    }

    /** {@link #launch(String)} of a job already read (where no persistence context is at hand). */
    public void launch(JobEntity job) {
        Properties parameters = new Properties();
        parameters.setProperty("jobId", job.id());
        operator().start(kind(job).batchJob(), parameters);
    }

    public JobEntity get(String id) {
        return Optional.ofNullable(id == null || id.length() > 32 ? null : em.find(JobEntity.class, id))
                .orElseThrow(() -> new NotFoundException("job-not-found", "No job " + id));
    }

    /** Read from the database each time (a log follower polls it from outside any transaction). */
    public JobState stateOf(String id) {
        return em.createQuery("SELECT j.state FROM JobEntity j WHERE j.id = :id", JobState.class)
                .setParameter("id", id).getSingleResult();
    }

    public List<JobEntity> list(String state, String kind, String submittedBy, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT j FROM JobEntity j WHERE 1 = 1");
        JobState wanted = null;
        if (state != null) {
            wanted = java.util.Arrays.stream(JobState.values()).filter(s -> s.wire().equals(state)).findFirst()
                    .orElseThrow(() -> new InvalidRequestException("bad-filter",
                            "state is one of queued, running, stopping, stopped, failed, completed"));
            jpql.append(" AND j.state = :state");
        }
        if (kind != null) {
            jpql.append(" AND j.kind = :kind");
        }
        if (submittedBy != null) {
            jpql.append(" AND j.submittedBy = :user");
        }
        if (limit < 1 || limit > 500) {
            throw new InvalidRequestException("bad-filter", "limit is 1-500");
        }
        jpql.append(" ORDER BY j.submittedAt DESC, j.id");
        var query = em.createQuery(jpql.toString(), JobEntity.class).setMaxResults(limit);
        if (wanted != null) {
            query.setParameter("state", wanted);
        }
        if (kind != null) {
            query.setParameter("kind", kind);
        }
        if (submittedBy != null) {
            query.setParameter("user", submittedBy);
        }
        return query.getResultList();
    }

    @Transactional
    public JobEntity stop(String id, String actor) {
        JobEntity job = get(id);
        if (job.state().finished()) {
            throw new ConflictException("job-finished", "Job " + id + " is already " + job.state().wire());
        }
        // A conditional update, not a write of the loaded entity: the job may finish (stopped,
        // completed) in its own transaction meanwhile, and that outcome must not be overwritten.
        em.createQuery("UPDATE JobEntity j SET j.state = :stopping WHERE j.id = :id AND j.state IN :active")
                .setParameter("stopping", JobState.STOPPING).setParameter("id", id)
                .setParameter("active", List.of(JobState.QUEUED, JobState.RUNNING)).executeUpdate();
        em.refresh(job);
        live.requestStop(id);
        if (job.executionId() != null) {
            try {
                operator().stop(job.executionId());
            } catch (RuntimeException notRunning) {
                // Not running in the batch runtime (yet or any more): the flag above or the state is enough.
            }
        }
        audit.append(actor, "job.stop", id, Map.of());
        log.append(id, "stop requested by " + actor);
        return job;
    }

    @Transactional
    public JobEntity restart(String id, String actor) {
        JobEntity job = get(id);
        if (!job.state().restartable() || job.executionId() == null) {
            throw new ConflictException("job-not-restartable", "Job " + id + " is " + job.state().wire()
                    + "; only stopped or failed jobs restart");
        }
        job.queued(clock.instant());
        audit.append(actor, "job.restart", id, Map.of("fromEpoch", job.checkpointEpoch() + 1));
        log.append(id, "restart requested by " + actor + "; resuming after epoch " + job.checkpointEpoch());
        Properties parameters = new Properties();
        parameters.setProperty("jobId", id);
        JobOperator operator = operator();
        BatchStatus status = operator.getJobExecution(job.executionId()).getBatchStatus();
        if (status == BatchStatus.STOPPED || status == BatchStatus.FAILED) {
            operator.restart(job.executionId(), parameters);
        } else {
            // The server was killed while the job ran: the batch repository still says it is running and
            // refuses a restart. Our checkpoint (blob + epoch, kept with the job) is what resumes it, so a
            // new batch execution of the same job continues after the last checkpointed epoch.
            log.append(id, "the previous execution was cut off (batch status " + status + "); starting a new one");
            operator.start(kind(job).batchJob(), parameters);
        }
        return job;
    }

    /** Whether the job has finished, asked by log followers from threads outside any request. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean finishedNow(String id) {
        return stateOf(id).finished();
    }

    // Called by the running job, each in its own short transaction.

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public JobEntity started(String id, long executionId) {
        JobEntity job = get(id);
        job.started(executionId, clock.instant());
        return job;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void progress(String id, int epoch, int step, int stepsPerEpoch, Map<String, Double> metrics) {
        get(id).progress(epoch, step, stepsPerEpoch, metrics == null ? null : json(metrics), clock.instant());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void checkpointed(String id, String digest, int epoch) {
        get(id).checkpointed(digest, epoch, clock.instant());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finished(String id, JobState outcome, String runId, String failure) {
        JobEntity job = get(id);
        job.finished(outcome, runId, failure, clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", outcome.wire());
        if (runId != null) {
            details.put("runId", runId);
        }
        if (failure != null) {
            details.put("failure", failure.length() > 500 ? failure.substring(0, 500) : failure);
        }
        audit.append(job.submittedBy(), "job." + outcome.wire(), id, details);
    }

    /** Jobs this server was running when it went down are failed now, so they can be restarted. */
    @Transactional
    public int failInterrupted() {
        List<JobEntity> interrupted = em.createQuery("SELECT j FROM JobEntity j WHERE j.state IN :states", JobEntity.class)
                .setParameter("states", List.of(JobState.QUEUED, JobState.RUNNING, JobState.STOPPING)).getResultList();
        for (JobEntity job : interrupted) {
            job.finished(JobState.FAILED, null, "the server stopped while the job ran; restart resumes after epoch "
                    + job.checkpointEpoch(), clock.instant());
            audit.append(AuditLog.SYSTEM_ACTOR, "job.failed", job.id(), Map.of("failure", "server stopped"));
        }
        return interrupted.size();
    }

    public JobView view(JobEntity job) {
        JobProgress now = live.get(job.id());
        int epoch = job.epoch();
        int step = job.step();
        int steps = job.stepsPerEpoch();
        Long eta = null;
        if (now != null && now.position().stepsPerEpoch() > 0) {
            JobProgress.Position at = now.position();
            epoch = at.epoch();
            step = at.step();
            steps = at.stepsPerEpoch();
            eta = now.etaSeconds(job.totalEpochs());
        }
        double percent;
        if (job.state() == JobState.COMPLETED) {
            percent = 100;
            eta = 0L;
        } else if (steps == 0 || job.totalEpochs() == 0) {
            percent = 0;
        } else {
            percent = Math.min(100, 100.0 * ((epoch - 1) * (double) steps + step) / ((double) job.totalEpochs() * steps));
        }
        Map<String, Double> metrics = job.latestMetrics() == null ? Map.of() : read(job.latestMetrics(), METRICS);
        Map<String, Object> specMap = read(job.spec(), SPEC);
        return new JobView(job.id(), job.kind(), job.experiment(), job.state().wire(), job.submittedBy(), job.submittedAt(),
                job.startedAt(), job.finishedAt(),
                new JobView.Progress(Math.max(epoch, 0), job.totalEpochs(), step, steps, Math.round(percent * 10) / 10.0, eta, metrics),
                job.checkpointEpoch() > 0 ? job.checkpointEpoch() : null, job.runId(), job.failure(), specMap);
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
