package io.runvault.jobs.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A comparison job as submitted, bound strictly by {@link io.runvault.jobs.RequestBinder}: several
 * runs' models scored on the same images, compared pairwise, and grouped by their parameters apart
 * from the seed. A run named twice counts once.
 */
@Schema(name = "CompareJobSpec", extensions = @Extension(name = "x-kind", value = CompareJobKind.NAME), description = "Scores 2-20 runs' models on the same images, compares them pairwise "
        + "(McNemar, paired bootstrap) and groups runs whose parameters differ only by seed; commits a comparison run "
        + "with the runs as parents.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompareJobRequest(
        @Schema(required = true, description = "compare", example = "compare")
        @Pattern(regexp = CompareJobKind.NAME, message = "is " + CompareJobKind.NAME) String kind,
        @Schema(required = true, description = "Ids of the runs to compare")
        @NotNull(message = "is required (the ids of 2-" + CompareJobRequest.MAX_RUNS + " runs to compare)")
        @Size(min = 2, max = CompareJobRequest.MAX_RUNS, message = "names 2-" + CompareJobRequest.MAX_RUNS + " distinct runs")
        List<String> runs,
        @JsonUnwrapped @Valid EvaluationScope scope) implements EvaluationRequest {

    static final int MAX_RUNS = 20;

    public CompareJobRequest {
        kind = kind == null ? CompareJobKind.NAME : kind;
        runs = runs == null ? null : List.copyOf(new LinkedHashSet<>(runs.stream().filter(Objects::nonNull).toList()));
    }

    @Override
    public List<String> runIds() {
        return runs == null ? List.of() : runs;
    }
}
