package io.runvault.security;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new token: the only time its secret is shown. */
@Schema(name = "IssuedToken")
public record IssuedToken(
        @Schema(required = true) String id,
        @Schema(required = true) String name,
        @Schema(required = true, description = "Send as 'Authorization: Bearer <token>'; shown only now") String token,
        @Schema(required = true) Instant expiresAt) {
}
