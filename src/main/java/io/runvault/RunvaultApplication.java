package io.runvault;

import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

@ApplicationPath("/api")
@DeclareRoles({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
@OpenAPIDefinition(
        info = @Info(title = "Runvault registry API", version = "1",
                description = "Immutable, content-addressed training runs (BLAKE2b-256), their files and archives."),
        security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "bearer")},
        // Problem is named here once: the problem filter refers to it from every refusal.
        components = @Components(
                schemas = @Schema(name = "Problem", implementation = Problem.class),
                securitySchemes = {
                        @SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic"),
                        @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                                description = "An API token from POST /api/v1/tokens")}))
public class RunvaultApplication extends Application {
}
