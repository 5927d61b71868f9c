package io.runvault.mlflow;

import io.runvault.models.ModelService;
import io.runvault.models.ModelVersion;
import io.runvault.models.Stage;
import io.runvault.promotion.GateResult;
import io.runvault.promotion.PromotionAsk;
import io.runvault.promotion.PromotionService;
import io.runvault.promotion.PromotionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.stream.Collectors;

/**
 * MLflow's transition-stage, which never bypasses Runvault's promotions: Staging runs the gates of
 * validated (applied when they pass); Production asks for the four-eyes approval (the version stays
 * where it is, tagged with the pending request); Archived archives, as an administrator does.
 */
@ApplicationScoped
public class StageTransitions {

    /** The version tag that names the promotion request a transition made. */
    static final String REQUEST_TAG = "runvault.promotion_request";
    private static final String REASON = "requested through MLflow's transition-stage";

    @Inject
    PromotionService promotions;

    @Inject
    ModelService models;

    @Inject
    MlflowRegistry registry;

    /** One transaction, so the answer shows the move; a refusal by the gates still keeps the refused request as history. */
    @Transactional(dontRollbackOn = MlflowException.class)
    public ModelVersion transition(String model, int number, String stageName, String user, boolean admin) {
        Stage target = RegistryStages.parse(stageName);
        ModelVersion version = models.version(model, number);
        switch (target) {
            case VALIDATED, PRODUCTION -> {
                PromotionView request = promotions.request(new PromotionAsk(model, number, target.wire(), REASON), user);
                if (request.status().equals("refused")) {
                    throw new MlflowException(ErrorCode.INVALID_STATE, "Version " + number + " of " + model
                            + " failed the gates of " + target.wire() + " (promotion request " + request.id() + "): "
                            + request.evidence().stream().filter(gate -> !gate.passed()).map(StageTransitions::evidence)
                            .collect(Collectors.joining("; ")));
                }
                registry.setVersionTag(model, number, REQUEST_TAG, request.id());
                return models.version(model, number);
            }
            case ARCHIVED -> {
                if (!admin) {
                    throw new MlflowException(ErrorCode.PERMISSION_DENIED, "Only an administrator archives a version");
                }
                return models.move(model, number, Stage.ARCHIVED, user, "archived through MLflow's transition-stage", null);
            }
            default -> throw MlflowException.invalid("Version " + number + " is " + RegistryStages.name(version.stage())
                    + "; a version never moves back to None");
        }
    }

    private static String evidence(GateResult gate) {
        return gate.gate() + ": expected " + gate.expected() + ", actual " + gate.actual();
    }
}
