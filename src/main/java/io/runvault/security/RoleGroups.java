package io.runvault.security;

import io.runvault.roles.Roles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a directory's groups to the appliance's roles, from {@code role=group;role=group...}. A
 * group matches by its full name (an LDAP DN, say) or by its short name: the first RDN's value of a
 * DN, or what follows the last '/' of a registry's unique name. Case does not matter.
 */
public record RoleGroups(Map<String, List<String>> groupsByRole) {

    public static RoleGroups parse(String text) {
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String role = equals < 0 ? "" : pair.substring(0, equals).trim();
            if (!Roles.ALL.contains(role)) {
                throw new IllegalArgumentException("RUNVAULT_ROLE_GROUPS: '" + pair.trim()
                        + "' is not role=group with a role among " + Roles.ALL);
            }
            byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(pair.substring(equals + 1).trim().toLowerCase(Locale.ROOT));
        }
        return new RoleGroups(byRole);
    }

    public Set<String> roles(Collection<String> groups) {
        Set<String> names = new TreeSet<>();
        for (String group : groups) {
            String lower = group.toLowerCase(Locale.ROOT);
            names.add(lower);
            names.add(shortName(lower));
        }
        Set<String> roles = new TreeSet<>();
        groupsByRole.forEach((role, mapped) -> {
            if (mapped.stream().anyMatch(names::contains)) {
                roles.add(role);
            }
        });
        return roles;
    }

    static String shortName(String group) {
        String name = group.substring(group.lastIndexOf('/') + 1);
        int equals = name.indexOf('=');
        if (equals > 0) {
            int comma = name.indexOf(',', equals);
            name = name.substring(equals + 1, comma < 0 ? name.length() : comma);
        }
        return name.trim();
    }
}
