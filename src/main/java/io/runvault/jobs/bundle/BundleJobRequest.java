package io.runvault.jobs.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;

/**
 * A production bundle job as submitted: what someone needs to run a model version elsewhere,
 * committed as a run whose parent is the version's run. Approving a version into production submits
 * one; submitting one by hand builds it again (for another dataset, say).
 */
@Schema(name = "BundleJobSpec", extensions = @Extension(name = "x-kind", value = BundleJobKind.NAME),
        description = "Builds a model version's production bundle: the ONNX model and an ONNX Runtime-optimised copy "
                + "checked against it, clean weights, latency and throughput on this machine, deployment files, a "
                + "changelog against the previous production version and the model card.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleJobRequest(
        @Schema(required = true, description = "bundle", example = "bundle")
        @Pattern(regexp = BundleJobKind.NAME, message = "is " + BundleJobKind.NAME) String kind,
        @Schema(required = true, description = "A registered model") @NotBlank(message = "is required") String model,
        @Schema(required = true, description = "Its version") @NotNull(message = "is required")
        @Min(value = 1, message = "is 1 or more") Integer version,
        @Schema(description = "Dataset whose validation images check the optimised model and feed the benchmark and "
                + "the example; default: the version's run's dataset") String dataset,
        @Schema(description = "How many validation images (a seeded stratified subset), 1-10000; default 512")
        @Min(value = 1, message = "is 1 or more") @Max(value = 10_000, message = "is at most 10000") Integer samples,
        @Schema(description = "ONNX Runtime threads for the benchmark; 0 (default): one per core")
        @Min(value = 0, message = "is 0 or more") @Max(value = 256, message = "is at most 256") Integer threads,
        @Schema(description = "Experiment of the bundle run; default production-bundles") String experiment) {

    public BundleJobRequest {
        kind = kind == null ? BundleJobKind.NAME : kind;
        samples = samples == null ? 512 : samples;
        threads = threads == null ? 0 : threads;
        experiment = experiment == null || experiment.isBlank() ? "production-bundles" : experiment;
    }
}
