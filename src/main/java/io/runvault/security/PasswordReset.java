package io.runvault.security;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PasswordReset", description = "An administrator sets a user's password")
public record PasswordReset(@Schema(required = true, description = "12 to 1024 characters") String newPassword) {
}
