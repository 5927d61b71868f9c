package io.runvault.security;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TokenRequest")
public record TokenRequest(
        @Schema(required = true, description = "What the token is for, 1-100 characters", example = "nightly-training") String name,
        @Schema(description = "Lifetime in days, 1-365; default 90") Integer expiresInDays) {
}
