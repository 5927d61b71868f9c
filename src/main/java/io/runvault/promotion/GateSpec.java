package io.runvault.promotion;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A gate as a policy states it. {@code kind} picks the gate; the other members are that kind's
 * settings: {@code metric} with {@code expression} "val_auc >= 0.90"; {@code files} with
 * {@code paths} (paths or globs); {@code no-regression} with {@code metric} and {@code tolerance};
 * {@code onnx-parity} with optional {@code maxAbsDiff} and {@code minArgmaxAgreement}.
 */
@Schema(name = "Gate")
public record GateSpec(
        @Schema(required = true, description = "metric | files | no-regression | onnx-parity") String kind,
        @Schema(description = "For kind=metric: '<metric> <op> <number>', op one of >= > <= < == !=", example = "val_auc >= 0.90") String expression,
        @Schema(description = "For kind=files: required paths or globs", example = "[\"exports/model.onnx\", \"figures/*.png\"]") List<String> paths,
        @Schema(description = "For kind=no-regression: the metric compared with the production version") String metric,
        @Schema(description = "For kind=no-regression: how much lower the candidate may be (default 0)") Double tolerance,
        @Schema(description = "For kind=onnx-parity: largest allowed |DJL - ONNX Runtime| probability difference (default 1e-4)", example = "0.0001") Double maxAbsDiff,
        @Schema(description = "For kind=onnx-parity: smallest allowed share of images with the same top class (default 0.999)", example = "0.999") Double minArgmaxAgreement) {
}
