package io.runvault.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleGroupsTest {

    private final RoleGroups mapping = RoleGroups.parse(
            "viewer=ml-team; contributor=ml-team;approver=CN=ML-Reviewers,OU=Groups,DC=corp,DC=example;admin=platform");

    @Test
    void groupsMatchByFullNameOrShortNameIgnoringCase() {
        assertEquals(Set.of("viewer", "contributor"), mapping.roles(List.of("ml-team")));
        assertEquals(Set.of("approver"), mapping.roles(List.of("cn=ml-reviewers,ou=groups,dc=corp,dc=example")));
        assertEquals(Set.of("admin"), mapping.roles(List.of("cn=platform,ou=groups,dc=corp,dc=example")));
        assertEquals(Set.of("viewer", "contributor"), mapping.roles(List.of("group:corp/ML-Team")));
    }

    @Test
    void aGroupThatMapsToNoRoleGivesNone() {
        assertEquals(Set.of(), mapping.roles(List.of("finance", "cn=ml-team-alumni,dc=corp")));
    }

    @Test
    void unknownRolesAndPairsWithoutAGroupAreConfigurationErrors() {
        assertThrows(IllegalArgumentException.class, () -> RoleGroups.parse("owner=ml-team"));
        assertThrows(IllegalArgumentException.class, () -> RoleGroups.parse("ml-team"));
    }
}
