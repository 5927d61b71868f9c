package io.runvault.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.runvault.json.Json;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One training run's configuration, flat in JSON and in a run's {@code config_snapshot.yaml}: the
 * data, the validation fraction and the training parameters. Train and tune requests hold the same
 * three members (flat, so the OpenAPI scanner documents them) and answer this record.
 *
 * @param valFraction the fraction of the training images held out for validation, stratified
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingConfig(
        @JsonUnwrapped @Valid DataSelection data,
        @Schema(description = "Fraction of the training images held out for validation, stratified; default 0.1")
        @DecimalMin(value = "0", inclusive = false, message = VAL_FRACTION)
        @DecimalMax(value = "0.5", inclusive = false, message = VAL_FRACTION) Double valFraction,
        @JsonUnwrapped @Valid TrainingParameters parameters) {

    /** Why a validation fraction is refused. */
    public static final String VAL_FRACTION = "is between 0 and 0.5 (exclusive)";

    public TrainingConfig {
        data = data == null ? new DataSelection(null, null, null, null, null) : data;
        valFraction = valFraction == null ? 0.1 : valFraction;
        parameters = parameters == null ? TrainingParameters.defaults() : parameters;
    }

    /**
     * The configuration a run was trained with, from its frozen config (YAML or JSON tree); members
     * of other kinds' configs (folds, kind, ...) are ignored.
     */
    public static TrainingConfig frozen(JsonNode config) throws IOException {
        return Json.MAPPER.readerFor(TrainingConfig.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(config);
    }
}
