package io.runvault.promotion;

import io.runvault.models.ModelService;
import io.runvault.models.ModelVersion;
import io.runvault.models.RegisteredModel;
import io.runvault.runs.FileEntry;
import io.runvault.runs.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Assembles a version's card from the model, its run, its promotion requests and its stage history. */
@ApplicationScoped
public class ModelCards {

    @Inject
    ModelService models;

    @Inject
    PromotionService promotions;

    public ModelCard card(String modelName, int number) {
        RegisteredModel model = models.model(modelName);
        ModelVersion version = models.version(modelName, number);
        RunView run = models.run(version);
        FileEntry file = run.files().stream().filter(f -> f.path().equals(version.filePath())).findFirst()
                .orElseThrow(() -> new IllegalStateException("Version " + number + " points outside its run"));
        List<PromotionView> requests = promotions.forVersion(modelName, number);
        List<ModelCard.Approval> approvals = requests.stream()
                .filter(r -> r.status().equals(PromotionRequest.Status.APPROVED.wire()))
                .map(r -> new ModelCard.Approval(r.id(), r.decidedBy(), r.decidedAt(), r.requestedBy()))
                .toList();
        return new ModelCard(model.name(), model.description(), model.owner(), version.version(),
                version.stage().wire(), version.createdAt(), version.createdBy(), file, run.id(), run.name(),
                run.experiment(), run.committedBy(), run.lineage(), run.params(), run.metrics(), run.tags(),
                requests, approvals, models.history(version));
    }

    public String markdown(String modelName, int number) {
        return ModelCardMarkdown.render(card(modelName, number));
    }
}
