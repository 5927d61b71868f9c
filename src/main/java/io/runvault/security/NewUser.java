package io.runvault.security;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NewUser")
public record NewUser(
        @Schema(required = true, description = "1-64 letters, digits or . _ @ -") String username,
        @Schema(required = true, description = "At least 12 characters") String password,
        @Schema(required = true, description = "One or more of viewer, contributor, approver, admin") List<String> roles) {
}
