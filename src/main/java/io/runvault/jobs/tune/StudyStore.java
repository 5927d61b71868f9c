package io.runvault.jobs.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import io.runvault.json.Json;
import io.runvault.studies.Direction;
import io.runvault.studies.Distribution;
import io.runvault.studies.Objective;
import io.runvault.studies.Pruner;
import io.runvault.studies.SearchSpace;
import io.runvault.studies.Study;
import io.runvault.studies.Trial;
import io.runvault.studies.TrialState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Studies and their trials in the appliance database: the truth a tuning job's executions share.
 * Each call is its own short transaction, so what a trial did is kept the moment it happened.
 */
@ApplicationScoped
public class StudyStore {

    // Pruner bookkeeping may hold non-finite numbers; keep them readable.
    /** Reads what {@link #write} wrote: a failed trial's value may be NaN. */
    private static final ObjectReader READER = Json.MAPPER.reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

    /** Why a trial whose execution died is FAIL. */
    public static final String INTERRUPTED = "interrupted: the execution running it ended";

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    Clock clock;

    /** A claimed trial, or none when the study already has all its trials. */
    public record Claim(Trial trial) {
    }

    /**
     * Creates the study on the job's first execution; on a later one, fails the trials a dead
     * execution left RUNNING (they are never run again: their numbers stay taken). Returns their numbers.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Integer> open(String jobId, TuneJobSpec spec) {
        Instant now = clock.instant();
        StudyEntity study = em.find(StudyEntity.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (study == null) {
            em.persist(new StudyEntity(jobId, spec, now));
            return List.of();
        }
        study.state("running", now);
        List<Integer> interrupted = new ArrayList<>();
        for (TrialEntity trial : trialRows(jobId)) {
            if (trial.state().equals(TrialState.RUNNING.name())) {
                trial.update(TrialState.FAIL.name(), null, trial.intermediateValues(), trial.systemAttributes(), now,
                        INTERRUPTED);
                interrupted.add(trial.number());
            }
        }
        return interrupted;
    }

    /**
     * At start-up, before any execution can run: the studies a crash left running are failed, and so
     * are the trials they were training (their numbers stay taken, as in {@link #open}). Returns the
     * interrupted trial numbers by job.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<String, List<Integer>> failInterrupted() {
        Instant now = clock.instant();
        Map<String, List<Integer>> interrupted = new LinkedHashMap<>();
        List<StudyEntity> running = em.createQuery("SELECT s FROM StudyEntity s WHERE s.state = :state", StudyEntity.class)
                .setParameter("state", "running").getResultList();
        for (StudyEntity study : running) {
            study.state("failed", now);
            List<Integer> numbers = new ArrayList<>();
            for (TrialEntity trial : trialRows(study.jobId())) {
                if (trial.state().equals(TrialState.RUNNING.name())) {
                    trial.update(TrialState.FAIL.name(), null, trial.intermediateValues(), trial.systemAttributes(), now,
                            INTERRUPTED);
                    numbers.add(trial.number());
                }
            }
            interrupted.put(study.jobId(), numbers);
        }
        return interrupted;
    }

    /**
     * Takes the next trial number and samples its parameters from the history as stored, under a lock
     * on the study row (and the unique (job, number) key), so concurrent partitions never share a number.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Trial> claim(String jobId, TuneJobSpec spec, io.runvault.studies.Sampler sampler) {
        em.find(StudyEntity.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        List<Trial> trials = trials(jobId, spec.space());
        if (trials.size() >= spec.trials()) {
            return Optional.empty();
        }
        int number = trials.size();
        Map<String, Object> params = sampler.sample(spec.space(), spec.objective().direction(), trials, number);
        Instant now = clock.instant();
        em.persist(new TrialEntity(jobId, number, write(params), now));
        return Optional.of(Trial.running(number, params, spec.space(), now));
    }

    /** Records a trial's value after an epoch and asks the pruner (null: never prune) whether to stop it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Pruner.Decision report(String jobId, TuneJobSpec spec, Trial trial, int step, double value, Pruner pruner) {
        Trial reported = trial.report(step, value);
        Pruner.Decision decision = new Pruner.Decision(false, Map.of());
        if (pruner != null) {
            List<Trial> trials = new ArrayList<>(trials(jobId, spec.space()));
            trials.set(trial.number(), reported);
            decision = pruner.decide(reported, trials, spec.objective().direction());
            reported = reported.withSystemAttributes(decision.systemAttributes());
        }
        save(jobId, reported);
        return decision;
    }

    /** Stores a trial's new state (COMPLETE, PRUNED, FAIL) or its latest intermediate values. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void save(String jobId, Trial trial) {
        TrialEntity row = em.find(TrialEntity.class, jobId + ":" + trial.number());
        row.update(trial.state().name(), trial.value(), write(stringKeys(trial.intermediateValues())),
                write(trial.systemAttributes()), trial.datetimeComplete(), trial.failureReason());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void state(String jobId, String state) {
        StudyEntity study = em.find(StudyEntity.class, jobId);
        if (study != null) {
            study.state(state, clock.instant());
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void completed(String jobId, int bestTrial, String studyRunId, String finalRunId) {
        em.find(StudyEntity.class, jobId).outcome(bestTrial, studyRunId, finalRunId, clock.instant());
    }

    public Optional<StudyEntity> find(String jobId) {
        return Optional.ofNullable(jobId == null || jobId.length() > 32 ? null : em.find(StudyEntity.class, jobId));
    }

    /** The study as the library models it. */
    public Study study(String jobId, String name, Objective objective, SearchSpace space) {
        return new Study(name, objective, trials(jobId, space));
    }

    public Study study(StudyEntity entity) {
        return study(entity.jobId(), entity.name(), objective(entity), space(entity));
    }

    public static SearchSpace space(StudyEntity entity) {
        return SearchSpace.parse(entity.searchSpace(), TuneJobSpec.TUNABLE);
    }

    public static Objective objective(StudyEntity entity) {
        return new Objective(entity.metric(), Direction.valueOf(entity.direction().toUpperCase(Locale.ROOT)));
    }

    /** Every trial, by number, read back into the library's records. */
    public List<Trial> trials(String jobId, SearchSpace space) {
        List<Trial> trials = new ArrayList<>();
        for (TrialEntity row : trialRows(jobId)) {
            trials.add(toTrial(row, space));
        }
        return trials;
    }

    private List<TrialEntity> trialRows(String jobId) {
        return em.createQuery("SELECT t FROM TrialEntity t WHERE t.jobId = :job ORDER BY t.number", TrialEntity.class)
                .setParameter("job", jobId).getResultList();
    }

    private static Trial toTrial(TrialEntity row, SearchSpace space) {
        Map<String, Object> stored = read(row.params(), new TypeReference<LinkedHashMap<String, Object>>() { });
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Distribution> distributions = new LinkedHashMap<>();
        // JSON loses Long vs Double; the distribution gives each value its external type back.
        stored.forEach((name, value) -> {
            Distribution d = space.get(name);
            params.put(name, d.toExternal(d.toInternal(value)));
            distributions.put(name, d);
        });
        TreeMap<Integer, Double> intermediate = new TreeMap<>();
        read(row.intermediateValues(), new TypeReference<Map<String, Double>>() { })
                .forEach((step, value) -> intermediate.put(Integer.parseInt(step), value));
        return new Trial(row.number(), TrialState.valueOf(row.state()), params, distributions, row.value(), intermediate,
                row.startedAt(), row.finishedAt(), row.failure(),
                read(row.systemAttributes(), new TypeReference<LinkedHashMap<String, Object>>() { }));
    }

    private static Map<String, Double> stringKeys(Map<Integer, Double> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((step, value) -> out.put(String.valueOf(step), value));
        return out;
    }

    static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return READER.forType(type).readValue(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
