package io.runvault.promotion;

import java.util.Map;
import java.util.Arrays;
import io.runvault.audit.AuditLog;
import io.runvault.models.ModelService;
import io.runvault.models.ModelVersion;
import io.runvault.models.Stage;
import io.runvault.problem.ConflictException;
import io.runvault.problem.InvalidRequestException;
import io.runvault.problem.NotFoundException;
import io.runvault.runs.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.lang.reflect.Type;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Policies, and promotion requests from evidence to decision. */
@ApplicationScoped
public class PromotionService {

    static final int MAX_REASON = 2000;
    private static final Type GATE_LIST = new ArrayList<GateSpec>() { }.getClass().getGenericSuperclass();
    private static final Type RESULT_LIST = new ArrayList<GateResult>() { }.getClass().getGenericSuperclass();
    private static final Jsonb JSON = JsonbBuilder.create();

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    ModelService models;

    @Inject
    Instance<GateKind> kinds;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    public Policy policy(String model) {
        models.model(model);
        List<GateSpec> validated = List.of();
        List<GateSpec> production = List.of();
        for (PolicyRow row : rows(model)) {
            List<GateSpec> gates = JSON.fromJson(row.gates(), GATE_LIST);
            if (row.targetStage().equals(Stage.VALIDATED.wire())) {
                validated = gates;
            } else {
                production = gates;
            }
        }
        return new Policy(validated, production);
    }

    @Transactional
    public Policy setPolicy(String model, Policy policy, String actor) {
        models.model(model);
        if (policy == null) {
            throw new InvalidRequestException("bad-policy", "The body is the policy");
        }
        if (policy.validated().size() + policy.production().size() > 50) {
            throw new InvalidRequestException("bad-policy", "A policy has at most 50 gates");
        }
        policy.validated().forEach(this::gate);
        policy.production().forEach(this::gate);
        store(model, Stage.VALIDATED, policy.validated(), actor);
        store(model, Stage.PRODUCTION, policy.production(), actor);
        em.flush();
        audit.append(actor, "policy.change", model, Map.of("validated", JSON.toJson(policy.validated(), GATE_LIST),
                "production", JSON.toJson(policy.production(), GATE_LIST)));
        return policy;
    }

    private void store(String model, Stage stage, List<GateSpec> gates, String actor) {
        String json = JSON.toJson(gates, GATE_LIST);
        PolicyRow row = rows(model).stream().filter(r -> r.targetStage().equals(stage.wire())).findFirst().orElse(null);
        if (row == null) {
            em.persist(new PolicyRow(model, stage.wire(), json, actor, clock.instant()));
        } else {
            row.replace(json, actor, clock.instant());
        }
    }

    private List<PolicyRow> rows(String model) {
        return em.createQuery("SELECT p FROM PolicyRow p WHERE p.modelName = :m", PolicyRow.class)
                .setParameter("m", model).getResultList();
    }

    private Gate gate(GateSpec spec) {
        if (spec == null || spec.kind() == null) {
            throw new InvalidRequestException("bad-policy", "Every gate names its kind");
        }
        for (GateKind kind : kinds) {
            if (kind.kind().equals(spec.kind())) {
                return kind.parse(spec);
            }
        }
        List<String> known = new ArrayList<>();
        kinds.forEach(k -> known.add(k.kind()));
        throw new InvalidRequestException("bad-policy", "Unknown gate kind '" + spec.kind() + "'; known: " + known.stream().sorted().toList());
    }

    /**
     * Evaluates the target stage's gates now and keeps the evidence. To validated: applied when all
     * pass. To production: pending approval when all pass. Otherwise refused (and kept as refused).
     */
    @Transactional
    public PromotionView request(PromotionAsk ask, String actor) {
        if (ask == null || ask.model() == null || ask.version() == null || ask.targetStage() == null) {
            throw new InvalidRequestException("bad-promotion", "A promotion names model, version, targetStage and reason");
        }
        String model = ask.model();
        int number = ask.version();
        Stage target = Stage.parse(ask.targetStage());
        String reason = reason(ask.reason());
        ModelVersion version = models.version(model, number);
        if (target.promotedFrom() == null || version.stage() != target.promotedFrom()) {
            throw new ConflictException("illegal-transition", "Version " + number + " is " + version.stage().wire()
                    + "; promotions go raw -> validated -> production");
        }
        boolean alreadyPending = !em.createQuery("SELECT r FROM PromotionRequest r WHERE r.modelName = :m AND r.version = :v "
                        + "AND r.status = 'pending'", PromotionRequest.class)
                .setParameter("m", model).setParameter("v", number).getResultList().isEmpty();
        if (alreadyPending) {
            throw new ConflictException("already-pending", "Version " + number + " already has a pending request");
        }
        RunView candidate = models.run(version);
        Optional<RunView> production = models.production(model).map(models::run);
        Policy policy = policy(model);
        List<GateResult> evidence = (target == Stage.VALIDATED ? policy.validated() : policy.production()).stream()
                .map(spec -> gate(spec).evaluate(new GateContext(candidate, production))).toList();
        PromotionRequest.Status status = PromotionRequest.outcome(target, evidence);
        PromotionRequest request = new PromotionRequest(UUID.randomUUID().toString().replace("-", ""), model, number,
                target.wire(), actor, reason, status, JSON.toJson(evidence, RESULT_LIST), clock.instant());
        em.persist(request);
        em.flush();
        audit.append(actor, "promotion.request", request.id(), Map.of("model", model, "version", number,
                "targetStage", target.wire(), "status", status.wire(), "reason", reason,
                "gates", evidence.stream().map(e -> e.gate() + ": expected " + e.expected() + ", actual " + e.actual()
                        + (e.passed() ? " (pass)" : " (fail)")).toList()));
        if (status == PromotionRequest.Status.APPLIED) {
            models.move(model, number, target, actor, reason, request.id());
        }
        return view(request);
    }

    @Transactional
    public PromotionView approve(String id, String approver) {
        PromotionRequest request = find(id);
        ModelVersion version = models.version(request.modelName(), request.version());
        request.approve(approver, models.run(version).committedBy(), clock.instant());
        models.move(request.modelName(), request.version(), Stage.PRODUCTION, approver, request.reason(), request.id());
        audit.append(approver, "promotion.approve", request.id(), Map.of("model", request.modelName(),
                "version", request.version()));
        return view(request);
    }

    @Transactional
    public PromotionView reject(String id, String actor, Decision decision) {
        PromotionRequest request = find(id);
        request.reject(actor, reason(decision == null ? null : decision.reason()), clock.instant());
        em.flush();
        audit.append(actor, "promotion.reject", request.id(), Map.of("model", request.modelName(),
                "version", request.version(), "reason", request.decisionReason()));
        return view(request);
    }

    public PromotionView get(String id) {
        return view(find(id));
    }

    public List<PromotionView> list(String status, String model) {
        if (status != null && Arrays.stream(PromotionRequest.Status.values()).noneMatch(s -> s.wire().equals(status))) {
            throw new InvalidRequestException("bad-filter", "status is one of applied, refused, pending, approved, rejected");
        }
        StringBuilder jpql = new StringBuilder("SELECT r FROM PromotionRequest r WHERE 1 = 1");
        if (status != null) {
            jpql.append(" AND r.status = :status");
        }
        if (model != null) {
            jpql.append(" AND r.modelName = :model");
        }
        jpql.append(" ORDER BY r.createdAt DESC");
        var query = em.createQuery(jpql.toString(), PromotionRequest.class).setMaxResults(500);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (model != null) {
            query.setParameter("model", model);
        }
        return query.getResultList().stream().map(this::view).toList();
    }

    /** Every request for one version, oldest first. */
    public List<PromotionView> forVersion(String model, int version) {
        return em.createQuery("SELECT r FROM PromotionRequest r WHERE r.modelName = :model AND r.version = :version "
                        + "ORDER BY r.createdAt, r.id", PromotionRequest.class)
                .setParameter("model", model).setParameter("version", version)
                .getResultList().stream().map(this::view).toList();
    }

    private PromotionRequest find(String id) {
        return Optional.ofNullable(id == null || id.length() > 32 ? null : em.find(PromotionRequest.class, id))
                .orElseThrow(() -> new NotFoundException("promotion-not-found", "No promotion request " + id));
    }

    private static String reason(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("bad-reason", "A reason is required");
        }
        if (text.length() > MAX_REASON) {
            throw new InvalidRequestException("bad-reason", "A reason has at most " + MAX_REASON + " characters");
        }
        return text;
    }

    private PromotionView view(PromotionRequest r) {
        List<GateResult> evidence = JSON.fromJson(r.evidence(), RESULT_LIST);
        return new PromotionView(r.id(), r.modelName(), r.version(), r.targetStage(), r.status(), r.requestedBy(),
                r.reason(), r.createdAt(), evidence, r.decidedBy(), r.decidedAt(), r.decisionReason());
    }
}
