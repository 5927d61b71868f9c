package io.runvault.mlflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.audit.AuditLog;
import io.runvault.json.Json;
import io.runvault.models.ModelService;
import io.runvault.models.ModelVersion;
import io.runvault.models.NewModel;
import io.runvault.models.RegisteredModel;
import io.runvault.models.Stage;
import io.runvault.models.TransitionView;
import io.runvault.problem.ConflictException;
import io.runvault.runs.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * MLflow's registry API over Runvault's models: a registered model is a Runvault model, a model
 * version a Runvault version with its stage. What MLflow adds (tags, aliases, editable
 * descriptions, the source a version was made from) is kept beside them. Stages only move through
 * Runvault's promotions ({@link StageTransitions}).
 */
@ApplicationScoped
public class MlflowRegistry {

    /** Aliases that show a stage: set by promotions, never by hand. */
    static final Map<String, Stage> STAGE_ALIASES = Map.of("production", Stage.PRODUCTION, "validated", Stage.VALIDATED);

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    ModelService models;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    /** Creates the model; the same name created again by its owner (a client's retry) answers it. */
    @Transactional
    public RegisteredModel create(String name, String description, List<MlflowRequest> tags, String user) {
        if (name == null || name.isEmpty()) {
            throw MlflowException.invalid("Missing value for required parameter 'name'");
        }
        RegisteredModel model;
        try {
            model = models.create(new NewModel(name, description), user);
        } catch (ConflictException exists) {
            model = models.model(name);
            if (!model.owner().equals(user)) {
                throw new MlflowException(ErrorCode.RESOURCE_ALREADY_EXISTS, "Registered Model (name=" + name + ") already exists.");
            }
        }
        for (MlflowRequest tag : tags) {
            setModelTag(name, tag.requiredText("key"), tag.text("value"));
        }
        return model;
    }

    @Transactional
    public void setModelTag(String model, String key, String value) {
        models.model(model);
        Limits.key(key);
        Limits.value("tag", key, value, Limits.MAX_REGISTRY_VALUE);
        em.createNativeQuery("DELETE FROM mlflow_model_tag WHERE model_name = ? AND tag_key = ?")
                .setParameter(1, model).setParameter(2, key).executeUpdate();
        em.createNativeQuery("INSERT INTO mlflow_model_tag (model_name, tag_key, tag_value) VALUES (?, ?, ?)")
                .setParameter(1, model).setParameter(2, key).setParameter(3, value).executeUpdate();
    }

    @Transactional
    public void deleteModelTag(String model, String key) {
        models.model(model);
        em.createNativeQuery("DELETE FROM mlflow_model_tag WHERE model_name = ? AND tag_key = ?")
                .setParameter(1, model).setParameter(2, key).executeUpdate();
    }

    @Transactional
    public void setVersionTag(String model, int version, String key, String value) {
        models.version(model, version);
        Limits.key(key);
        Limits.value("tag", key, value, Limits.MAX_REGISTRY_VALUE);
        em.createNativeQuery("DELETE FROM mlflow_version_tag WHERE model_name = ? AND version = ? AND tag_key = ?")
                .setParameter(1, model).setParameter(2, version).setParameter(3, key).executeUpdate();
        em.createNativeQuery("INSERT INTO mlflow_version_tag (model_name, version, tag_key, tag_value) VALUES (?, ?, ?, ?)")
                .setParameter(1, model).setParameter(2, version).setParameter(3, key).setParameter(4, value).executeUpdate();
    }

    @Transactional
    public void deleteVersionTag(String model, int version, String key) {
        models.version(model, version);
        em.createNativeQuery("DELETE FROM mlflow_version_tag WHERE model_name = ? AND version = ? AND tag_key = ?")
                .setParameter(1, model).setParameter(2, version).setParameter(3, key).executeUpdate();
    }

    /** Sets the description of a model (version 0) or of one of its versions. */
    @Transactional
    public void describe(String model, int version, String description) {
        if (version == 0) {
            models.model(model);
        } else {
            models.version(model, version);
        }
        Limits.value("field", "description", description == null ? "" : description,
                Limits.MAX_REGISTRY_VALUE);
        em.createNativeQuery("DELETE FROM mlflow_description WHERE model_name = ? AND version = ?")
                .setParameter(1, model).setParameter(2, version).executeUpdate();
        em.createNativeQuery("INSERT INTO mlflow_description (model_name, version, description, updated_at) VALUES (?, ?, ?, ?)")
                .setParameter(1, model).setParameter(2, version).setParameter(3, description == null ? "" : description)
                .setParameter(4, clock.millis()).executeUpdate();
    }

    @Transactional
    public void recordSource(String model, int version, String source) {
        em.createNativeQuery("INSERT INTO mlflow_version_source (model_name, version, source) VALUES (?, ?, ?)")
                .setParameter(1, model).setParameter(2, version).setParameter(3, source).executeUpdate();
    }

    /** Points a free alias at a version; the stage aliases are refused. */
    @Transactional
    public void setAlias(String model, String alias, int version) {
        checkFreeAlias(alias);
        models.version(model, version);
        Limits.key(alias);
        em.createNativeQuery("DELETE FROM mlflow_model_alias WHERE model_name = ? AND alias = ?")
                .setParameter(1, model).setParameter(2, alias).executeUpdate();
        em.createNativeQuery("INSERT INTO mlflow_model_alias (model_name, alias, version) VALUES (?, ?, ?)")
                .setParameter(1, model).setParameter(2, alias).setParameter(3, version).executeUpdate();
    }

    @Transactional
    public void deleteAlias(String model, String alias) {
        checkFreeAlias(alias);
        models.model(model);
        em.createNativeQuery("DELETE FROM mlflow_model_alias WHERE model_name = ? AND alias = ?")
                .setParameter(1, model).setParameter(2, alias).executeUpdate();
    }

    /** The version an alias names: the stage aliases follow the stages. */
    public ModelVersion byAlias(String model, String alias) {
        models.model(model);
        Stage stage = STAGE_ALIASES.get(alias);
        if (stage != null) {
            return models.versions(model).stream().filter(v -> v.stage() == stage).reduce((a, b) -> b)
                    .orElseThrow(() -> MlflowException.missing("No version of " + model + " is " + stage.wire()));
        }
        List<?> rows = em.createNativeQuery("SELECT version FROM mlflow_model_alias WHERE model_name = ? AND alias = ?")
                .setParameter(1, model).setParameter(2, alias).getResultList();
        if (rows.isEmpty()) {
            throw MlflowException.missing("Registered model alias " + alias + " not found.");
        }
        return models.version(model, ((Number) rows.get(0)).intValue());
    }

    private static void checkFreeAlias(String alias) {
        if (alias == null || alias.isEmpty()) {
            throw MlflowException.invalid("Missing value for required parameter 'alias'");
        }
        if (STAGE_ALIASES.containsKey(alias)) {
            throw MlflowException.invalid("The alias '" + alias + "' shows the version in that stage and follows it; "
                    + "move a version there with transition-stage (a promotion)");
        }
    }

    /**
     * Deletes a model none of whose versions is validated or in production, with those versions and
     * their history; the audit log keeps their events and records the deletion with what it removed.
     */
    @Transactional
    public void delete(String model, String actor) {
        models.model(model);
        List<ModelVersion> versions = models.versions(model);
        List<String> live = versions.stream().filter(v -> v.stage() == Stage.VALIDATED || v.stage() == Stage.PRODUCTION)
                .map(v -> v.version() + " (" + v.stage().wire() + ")").toList();
        if (!live.isEmpty()) {
            throw MlflowException.invalid("Model " + model + " has versions in validated or production: " + live
                    + "; archive them before deleting the model");
        }
        for (String table : List.of("mlflow_version_tag", "mlflow_version_source", "mlflow_model_alias", "mlflow_description",
                "mlflow_model_tag", "promotion_request", "stage_transition", "model_version", "promotion_policy")) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE model_name = ?").setParameter(1, model).executeUpdate();
        }
        em.createNativeQuery("DELETE FROM registered_model WHERE name = ?").setParameter(1, model).executeUpdate();
        audit.append(actor, "model.delete", model, Map.of("versions", versions.stream()
                .map(v -> v.version() + " " + v.stage().wire() + " " + v.runId()).toList()));
    }

    ObjectNode modelJson(RegisteredModel model) {
        List<ModelVersion> versions = models.versions(model.name());
        ObjectNode json = Json.MAPPER.createObjectNode()
                .put("name", model.name())
                .put("creation_timestamp", model.createdAt().toEpochMilli())
                .put("last_updated_timestamp", versions.stream().mapToLong(v -> updated(v)).max()
                        .orElse(model.createdAt().toEpochMilli()))
                .put("user_id", model.owner())
                .put("description", description(model.name(), 0).orElse(model.description() == null ? "" : model.description()));
        ArrayNode latest = json.putArray("latest_versions");
        latestVersions(model.name(), RegistryStages.NAMES).forEach(v -> latest.add(versionJson(v)));
        ArrayNode tags = json.putArray("tags");
        pairs("SELECT tag_key, tag_value FROM mlflow_model_tag WHERE model_name = ?", model.name())
                .forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        ArrayNode aliases = json.putArray("aliases");
        aliases(model.name()).forEach((alias, version) -> aliases.addObject().put("alias", alias).put("version", version));
        return json;
    }

    /** The newest version in each of {@code stages} (MLflow's names). */
    List<ModelVersion> latestVersions(String model, List<String> stages) {
        List<Stage> wanted = stages.stream().map(RegistryStages::parse).toList();
        Map<String, ModelVersion> newest = new TreeMap<>();
        for (ModelVersion version : models.versions(model)) {
            String stage = RegistryStages.name(version.stage());
            if (wanted.contains(RegistryStages.parse(stage))) {
                newest.put(stage, version);
            }
        }
        return newest.values().stream().sorted((a, b) -> Integer.compare(a.version(), b.version())).toList();
    }

    ObjectNode versionJson(ModelVersion version) {
        RunView run = models.run(version);
        String mlflowRun = run.tags().get("mlflow.run_id");
        ObjectNode json = Json.MAPPER.createObjectNode()
                .put("name", version.modelName())
                .put("version", String.valueOf(version.version()))
                .put("creation_timestamp", version.createdAt().toEpochMilli())
                .put("last_updated_timestamp", updated(version))
                .put("user_id", version.createdBy())
                .put("current_stage", RegistryStages.name(version.stage()))
                .put("description", description(version.modelName(), version.version()).orElse(""))
                .put("source", source(version))
                .put("run_id", mlflowRun != null ? mlflowRun : run.id())
                .put("status", "READY")
                .put("run_link", "");
        ArrayNode tags = json.putArray("tags");
        pairs("SELECT tag_key, tag_value FROM mlflow_version_tag WHERE model_name = ? AND version = " + version.version(),
                version.modelName()).forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        tags.addObject().put("key", "runvault.run_id").put("value", run.id());
        tags.addObject().put("key", "runvault.stage").put("value", version.stage().wire());
        ArrayNode aliases = json.putArray("aliases");
        aliases(version.modelName()).forEach((alias, number) -> {
            if (number.equals(String.valueOf(version.version()))) {
                aliases.add(alias);
            }
        });
        return json;
    }

    /** Where the model file of a version is: the source it was created from, else the run's file. */
    String source(ModelVersion version) {
        List<?> rows = em.createNativeQuery("SELECT source FROM mlflow_version_source WHERE model_name = ? AND version = ?")
                .setParameter(1, version.modelName()).setParameter(2, version.version()).getResultList();
        if (!rows.isEmpty()) {
            return (String) rows.get(0);
        }
        return "runvault:/runs/" + version.runId() + "/files/" + version.filePath();
    }

    private long updated(ModelVersion version) {
        List<TransitionView> history = models.history(version);
        return history.isEmpty() ? version.createdAt().toEpochMilli() : history.get(history.size() - 1).at().toEpochMilli();
    }

    private Optional<String> description(String model, int version) {
        List<?> rows = em.createNativeQuery("SELECT description FROM mlflow_description WHERE model_name = ? AND version = ?")
                .setParameter(1, model).setParameter(2, version).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((String) rows.get(0));
    }

    /** Free aliases and the stage aliases that currently name a version. */
    private Map<String, String> aliases(String model) {
        Map<String, String> aliases = new TreeMap<>(pairs("SELECT alias, CAST(version AS VARCHAR(12)) FROM mlflow_model_alias "
                + "WHERE model_name = ?", model));
        for (ModelVersion version : models.versions(model)) {
            STAGE_ALIASES.forEach((alias, stage) -> {
                if (version.stage() == stage) {
                    aliases.put(alias, String.valueOf(version.version()));
                }
            });
        }
        return aliases;
    }

    private Map<String, String> pairs(String sql, String model) {
        Map<String, String> pairs = new TreeMap<>();
        for (Object row : em.createNativeQuery(sql).setParameter(1, model).getResultList()) {
            Object[] cells = (Object[]) row;
            pairs.put((String) cells[0], ((String) cells[1]).trim());
        }
        return pairs;
    }
}
