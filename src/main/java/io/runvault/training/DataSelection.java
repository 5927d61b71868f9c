package io.runvault.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Which data a training job uses and where its run goes, as train, cross-validate and tune requests
 * carry it (composed flat into their JSON).
 *
 * @param experiment the experiment of the committed run(s); default {@code default}
 * @param dataset a dataset name (required)
 * @param trainSamples a seeded stratified subset of this many training images (0: all)
 * @param testSamples evaluate on this many test images (0: all)
 * @param tags tags for the run(s)
 */
@Schema(name = "DataSelection", description = "The data of a training job and the experiment of its runs.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSelection(
        @Schema(description = "Experiment of the runs it commits; default \"default\"", example = "fashion-demo")
        @Size(min = 1, max = 200, message = "has 1-200 characters")
        @Pattern(regexp = ".*\\S.*", message = "has 1-200 characters") String experiment,
        @Schema(required = true, description = "fashion-mnist or a registered dataset (GET /datasets)", example = "fashion-mnist")
        @NotNull(message = "is required (e.g. fashion-mnist)") String dataset,
        @Schema(description = "Use a seeded stratified subset of this many training images (0: all)")
        @Min(value = 0, message = "is 0 (all) or positive") Integer trainSamples,
        @Schema(description = "Evaluate on this many test images (0: all)")
        @Min(value = 0, message = "is 0 (all) or positive") Integer testSamples,
        @Schema(description = "Tags for the runs") Map<String, String> tags) {

    public DataSelection {
        experiment = experiment == null ? "default" : experiment;
        trainSamples = trainSamples == null ? 0 : trainSamples;
        testSamples = testSamples == null ? 0 : testSamples;
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }
}
