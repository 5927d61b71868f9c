package io.runvault.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class MigrationsReadiness implements HealthCheck {

    @Inject
    Migrations migrations;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("database-migrations").status(migrations.applied()).build();
    }
}
