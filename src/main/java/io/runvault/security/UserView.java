package io.runvault.security;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "User")
public record UserView(
        @Schema(required = true) String username,
        @Schema(required = true) List<String> roles,
        @Schema(required = true) boolean enabled,
        @Schema(required = true) Instant createdAt) {

    static UserView of(UserAccount user) {
        return new UserView(user.username(), List.copyOf(user.roles()), user.enabled(), user.createdAt());
    }
}
