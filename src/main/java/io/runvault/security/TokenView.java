package io.runvault.security;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A token as its owner sees it later: never the secret itself. */
@Schema(name = "Token")
public record TokenView(
        @Schema(required = true) String id,
        @Schema(required = true) String name,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant expiresAt,
        @Schema(description = "Set once revoked") Instant revokedAt) {
}
