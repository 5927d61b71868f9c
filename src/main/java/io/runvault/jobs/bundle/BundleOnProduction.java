package io.runvault.jobs.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.runvault.jobs.JobEntity;
import io.runvault.jobs.JobService;
import io.runvault.json.Json;
import io.runvault.models.VersionEnteredProduction;
import io.runvault.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Submits the production bundle job of a version once its move into production has committed, as
 * the approver. A version the bundle cannot be built for (no ONNX file, no known dataset) is logged
 * and left alone: the approval stands either way.
 */
@ApplicationScoped
public class BundleOnProduction {

    private static final Logger LOG = Logger.getLogger(BundleOnProduction.class.getName());

    @Inject
    JobService jobs;

    @Inject
    @ConfigProperty(name = "runvault.bundle.on-production", defaultValue = "true")
    boolean enabled;

    void entered(@Observes(during = TransactionPhase.AFTER_SUCCESS) VersionEnteredProduction event) {
        if (!enabled) {
            return;
        }
        try {
            String spec = Json.MAPPER.writeValueAsString(
                    Map.of("kind", BundleJobKind.NAME, "model", event.model(), "version", event.version()));
            JobEntity job = jobs.submit(spec, event.actor());
            jobs.launch(job);
            LOG.info(() -> "production bundle of " + event.model() + " version " + event.version() + ": job " + job.id());
        } catch (ProblemException refused) {
            LOG.info(() -> "no production bundle of " + event.model() + " version " + event.version() + ": "
                    + refused.getMessage());
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.log(Level.WARNING, "could not submit the production bundle of " + event.model() + " version "
                    + event.version(), e);
        }
    }
}
