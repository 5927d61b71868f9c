package io.runvault.security;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PasswordChange", description = "A user's own password change: the current password proves it is them")
public record PasswordChange(
        @Schema(required = true, description = "The password in use now") String currentPassword,
        @Schema(required = true, description = "12 to 1024 characters") String newPassword) {
}
