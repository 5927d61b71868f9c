package io.runvault.security;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RoleChange")
public record RoleChange(@Schema(required = true) List<String> roles) {
}
