package io.runvault.security;

import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.time.Duration;
import java.util.Set;

/** What a password check concluded: who it is, a refusal, or "not now" (too many attempts). */
public sealed interface LoginOutcome {

    /** The directory's own name for the user (not necessarily as typed) and their roles. */
    record Accepted(String username, Set<String> roles) implements LoginOutcome {
        public Accepted {
            roles = Set.copyOf(roles);
        }

        public CredentialValidationResult result() {
            return new CredentialValidationResult(username, roles);
        }
    }

    record Refused() implements LoginOutcome {
    }

    /** Not checked: the caller must wait this long before the next attempt can be. */
    record Throttled(Duration retryAfter, String reason) implements LoginOutcome {
    }
}
