package io.runvault.promotion;

import java.util.Map;
import java.util.Arrays;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.runvault.audit.AuditLog;
import io.runvault.json.Json;
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
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Policies, and promotion requests from evidence to decision. */
@ApplicationScoped
public class PromotionService {

    static final int MAX_REASON = 2000;
    /** Gates and verdicts are stored as JSON text; see {@link #stored}. */
    private static final ObjectWriter STORED_WRITER = Json.MAPPER.writer().without(JsonWriteFeature.WRITE_HEX_UPPER_CASE);

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
            List<GateSpec> gates = gates(row.gates());
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
        audit.append(actor, "policy.change", model, Map.of("validated", gatesJson(policy.validated()),
                "production", gatesJson(policy.production())));
        return policy;
    }

    private void store(String model, Stage stage, List<GateSpec> gates, String actor) {
        String json = gatesJson(gates);
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
                target.wire(), actor, reason, status, evidenceJson(evidence), clock.instant());
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
        List<GateResult> evidence = evidence(r.evidence());
        return new PromotionView(r.id(), r.modelName(), r.version(), r.targetStage(), r.status(), r.requestedBy(),
                r.reason(), r.createdAt(), evidence, r.decidedBy(), r.decidedAt(), r.decisionReason());
    }

    /** A policy's gates as stored (and as the policy.change audit event records them). */
    static String gatesJson(List<GateSpec> gates) {
        return stored(gates);
    }

    static List<GateSpec> gates(String json) {
        return read(json, GateSpec.class);
    }

    /** A request's gate verdicts as stored with it. */
    static String evidenceJson(List<GateResult> evidence) {
        return stored(evidence);
    }

    static List<GateResult> evidence(String json) {
        return read(json, GateResult.class);
    }

    /**
     * The text of stored gates and verdicts, as these rows have always held it: each object's members
     * in alphabetical order, absent (null) members left out, hex escapes in lower case.
     */
    private static String stored(List<?> values) {
        ArrayNode rows = Json.MAPPER.createArrayNode();
        for (JsonNode value : Json.MAPPER.<ArrayNode>valueToTree(values)) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            value.properties().forEach(member -> {
                if (!member.getValue().isNull()) {
                    sorted.put(member.getKey(), member.getValue());
                }
            });
            sorted.forEach(rows.addObject()::set);
        }
        try {
            return STORED_WRITER.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Gates failed to serialize", e);
        }
    }

    /** Rows keep reading when a later version drops a member they hold. */
    private static <T> List<T> read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readerForListOf(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored " + type.getSimpleName() + " list is not readable: "
                    + e.getOriginalMessage(), e);
        }
    }
}
