package io.runvault.promotion;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A gate as a policy states it. {@code kind} picks the gate; the other members are that kind's
 * settings: {@code metric} with {@code expression} "val_auc >= 0.90"; {@code files} with
 * {@code paths} (paths or globs); {@code no-regression} with {@code metric} and {@code tolerance}.
 */
@Schema(name = "Gate")
public record GateSpec(
        @Schema(required = true, description = "metric | files | no-regression (more kinds can be added)") String kind,
        @Schema(description = "For kind=metric: '<metric> <op> <number>', op one of >= > <= < == !=", example = "val_auc >= 0.90") String expression,
        @Schema(description = "For kind=files: required paths or globs", example = "[\"exports/model.onnx\", \"figures/*.png\"]") List<String> paths,
        @Schema(description = "For kind=no-regression: the metric compared with the production version") String metric,
        @Schema(description = "For kind=no-regression: how much lower the candidate may be (default 0)") Double tolerance) {
}
