package io.runvault.export;

import io.runvault.json.Json;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.json.bind.annotation.JsonbProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code exports/parity.json}: the trained DJL model and the exported ONNX model run by ONNX Runtime,
 * compared on the run's validation images. The API serves it with the file's snake_case names
 * (Jackson writes the file, JSON-B the responses).
 *
 * @param maxAbsDiff largest absolute difference of any class probability
 * @param meanAbsDiff mean absolute difference over every image and class
 * @param argmaxAgreement share of images whose top class is the same
 * @param samples validation images compared
 * @param thresholds what {@code passed} was judged against
 * @param passed whether the numbers meet the thresholds
 * @param onnxOpset the model's operator set
 * @param ortVersion the ONNX Runtime version that ran it
 * @param reference what produced the reference probabilities
 */
@Schema(name = "OnnxParity", description = "exports/parity.json: DJL vs ONNX Runtime on the validation set")
@JsonPropertyOrder({"max_abs_diff", "mean_abs_diff", "argmax_agreement", "samples", "thresholds", "passed",
        "onnx_opset", "ort_version", "reference"})
public record ParityReport(
        @JsonProperty("max_abs_diff") @JsonbProperty("max_abs_diff") double maxAbsDiff,
        @JsonProperty("mean_abs_diff") @JsonbProperty("mean_abs_diff") double meanAbsDiff,
        @JsonProperty("argmax_agreement") @JsonbProperty("argmax_agreement") double argmaxAgreement,
        @JsonProperty("samples") @JsonbProperty("samples") int samples,
        @JsonProperty("thresholds") @JsonbProperty("thresholds") ParityThresholds thresholds,
        @JsonProperty("passed") @JsonbProperty("passed") boolean passed,
        @JsonProperty("onnx_opset") @JsonbProperty("onnx_opset") int onnxOpset,
        @JsonProperty("ort_version") @JsonbProperty("ort_version") String ortVersion,
        @JsonProperty("reference") @JsonbProperty("reference") String reference) {

    public byte[] toJson() {
        try {
            return Json.PRETTY.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a parity.json; an IOException says what is wrong with it. */
    public static ParityReport fromJson(byte[] json) throws IOException {
        ParityReport r;
        try {
            r = Json.MAPPER.readerFor(ParityReport.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (r == null || r.thresholds() == null) {
            throw new IOException("parity.json has no thresholds");
        }
        return r;
    }
}
