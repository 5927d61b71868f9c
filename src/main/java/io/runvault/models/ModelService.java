package io.runvault.models;

import java.util.Map;
import io.runvault.problem.InvalidRequestException;
import io.runvault.audit.AuditLog;
import io.runvault.audit.AuditedChanges;
import io.runvault.problem.ConflictException;
import io.runvault.problem.NotFoundException;
import io.runvault.problem.UnprocessableException;
import io.runvault.runs.RunEntity;
import io.runvault.runs.RunPath;
import io.runvault.runs.RunService;
import io.runvault.runs.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registered models and their versions; every stage change goes through {@link #move}. */
@ApplicationScoped
public class ModelService implements AuditedChanges {

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    RunService runs;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    Event<VersionEnteredProduction> enteredProduction;

    @Transactional
    public RegisteredModel create(NewModel request, String owner) {
        if (request == null) {
            throw new InvalidRequestException("bad-model", "The body names the model");
        }
        RegisteredModel model = new RegisteredModel(request.name(), request.description(), owner, clock.instant());
        if (em.find(RegisteredModel.class, model.name()) != null) {
            throw new ConflictException("model-exists", "Model " + model.name() + " already exists");
        }
        em.persist(model);
        em.flush();
        audit.append(owner, "model.create", model.name(), Map.of("description", model.description()));
        return model;
    }

    public RegisteredModel model(String name) {
        return Optional.ofNullable(em.find(RegisteredModel.class, name))
                .orElseThrow(() -> new NotFoundException("model-not-found", "No model " + name));
    }

    public boolean exists(String name) {
        return name != null && name.length() <= 200 && em.find(RegisteredModel.class, name) != null;
    }

    public List<RegisteredModel> models() {
        return em.createQuery("SELECT m FROM RegisteredModel m ORDER BY m.name", RegisteredModel.class).getResultList();
    }

    public List<ModelVersion> versions(String model) {
        return em.createQuery("SELECT v FROM ModelVersion v WHERE v.modelName = :m ORDER BY v.version", ModelVersion.class)
                .setParameter("m", model).getResultList();
    }

    public ModelVersion version(String model, int version) {
        model(model);
        return Optional.ofNullable(em.find(ModelVersion.class, new ModelVersion.Key(model, version)))
                .orElseThrow(() -> new NotFoundException("version-not-found", "Model " + model + " has no version " + version));
    }

    public Optional<ModelVersion> production(String model) {
        return versions(model).stream().filter(v -> v.stage() == Stage.PRODUCTION).findFirst();
    }

    /** Adds the next version (1, 2, 3 ...) at raw; the run and the file in it must exist. */
    @Transactional
    public ModelVersion addVersion(String modelName, NewVersion request, String actor) {
        RegisteredModel model = model(modelName);
        if (request == null || request.runId() == null || request.path() == null) {
            throw new InvalidRequestException("bad-version", "A version names runId and path");
        }
        RunEntity run;
        try {
            run = runs.get(request.runId());
            runs.file(run, RunPath.of(request.path()));
        } catch (NotFoundException missing) {
            throw new UnprocessableException("unresolved-references", missing.getMessage());
        }
        Integer last = em.createQuery("SELECT MAX(v.version) FROM ModelVersion v WHERE v.modelName = :m", Integer.class)
                .setParameter("m", model.name()).getSingleResult();
        ModelVersion version = new ModelVersion(model.name(), last == null ? 1 : last + 1, run.id(),
                RunPath.of(request.path()).value(), actor, clock.instant());
        em.persist(version);
        em.persist(new StageTransition(newId(), version, null, Stage.RAW, actor, clock.instant(), "registered", null));
        em.flush();
        audit.append(actor, "version.create", model.name() + "/" + version.version(),
                Map.of("runId", run.id(), "path", version.filePath()));
        return version;
    }

    /**
     * Moves a version to a stage and records it. Entering production archives the version that held
     * it, in the same transaction; the database's unique production slot decides concurrent races.
     */
    @Transactional
    public ModelVersion move(String model, int number, Stage target, String actor, String reason, String requestId) {
        ModelVersion version = version(model, number);
        Optional<ModelVersion> replaced = target == Stage.PRODUCTION ? production(model) : Optional.empty();
        Stage replacedFrom = replaced.map(ModelVersion::stage).orElse(null);
        if (replaced.isPresent()) {
            record(replaced.get(), Stage.ARCHIVED, actor, "replaced by version " + number, requestId);
            em.flush();
        }
        Stage from = version.stage();
        record(version, target, actor, reason, requestId);
        try {
            em.flush();
        } catch (RuntimeException raced) {
            throw new ConflictException("production-taken",
                    "Another version of " + model + " entered production at the same time");
        }
        replaced.ifPresent(old -> auditMove(actor, old, replacedFrom, Stage.ARCHIVED, requestId));
        auditMove(actor, version, from, target, requestId);
        if (target == Stage.PRODUCTION) {
            enteredProduction.fire(new VersionEnteredProduction(model, number, actor));
        }
        return version;
    }

    private void record(ModelVersion version, Stage target, String actor, String reason, String requestId) {
        Stage from = version.stage();
        version.moveTo(target);
        em.persist(new StageTransition(newId(), version, from, target, actor, clock.instant(), reason, requestId));
    }

    private void auditMove(String actor, ModelVersion version, Stage from, Stage to, String requestId) {
        audit.append(actor, "version.stage", version.modelName() + "/" + version.version(),
                Map.of("from", from.wire(), "to", to.wire(), "requestId", requestId == null ? "" : requestId));
    }

    public List<TransitionView> history(ModelVersion version) {
        return em.createQuery("SELECT t FROM StageTransition t WHERE t.modelName = :m AND t.version = :v "
                        + "ORDER BY t.occurredAt, t.id", StageTransition.class)
                .setParameter("m", version.modelName()).setParameter("v", version.version())
                .getResultList().stream().map(StageTransition::view).toList();
    }

    public RunView run(ModelVersion version) {
        return runs.view(version.runId());
    }

    public VersionView view(ModelVersion version) {
        RunView run = run(version);
        return new VersionView(version.modelName(), version.version(), version.stage().wire(), version.runId(),
                run.name(), version.filePath(), version.createdBy(), version.createdAt(), run.metrics(), history(version));
    }

    public ModelView view(RegisteredModel model) {
        return new ModelView(model.name(), model.description(), model.owner(), model.createdAt(),
                versions(model.name()).stream().map(this::view).toList());
    }

    @Override
    public String action() {
        return "version.create";
    }

    /** Versions as their {@code version.create} events name them: model/version. */
    @Override
    public List<String> targets(int first, int max) {
        return em.createQuery("SELECT v FROM ModelVersion v ORDER BY v.modelName, v.version", ModelVersion.class)
                .setFirstResult(first).setMaxResults(max).getResultList().stream()
                .map(v -> v.modelName() + "/" + v.version()).toList();
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

}
