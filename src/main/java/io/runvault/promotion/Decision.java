package io.runvault.promotion;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Decision")
public record Decision(@Schema(description = "Why; required to reject, at most 2000 characters") String reason) {
}
