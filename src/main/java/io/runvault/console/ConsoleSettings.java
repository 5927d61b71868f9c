package io.runvault.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's settings (MicroProfile Config): how long a console session may stay idle before
 * it ends ({@code RUNVAULT_CONSOLE_SESSION_TIMEOUT_SECONDS}, default 1800 = 30 minutes).
 */
@ApplicationScoped
public class ConsoleSettings {

    @Inject
    @ConfigProperty(name = "runvault.console.session-timeout-seconds", defaultValue = "1800")
    long sessionTimeoutSeconds;

    public Duration sessionTimeout() {
        return Duration.ofSeconds(Math.max(1, sessionTimeoutSeconds));
    }
}
