package io.runvault.security;

import com.ibm.websphere.security.EntryNotFoundException;
import com.ibm.websphere.security.PasswordCheckFailedException;
import com.ibm.websphere.security.UserRegistry;
import com.ibm.wsspi.security.registry.RegistryHelper;
import io.runvault.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's user registry (an {@code ldapRegistry} in the operator's site configuration) as a
 * second source of users, when {@code RUNVAULT_DIRECTORY=liberty}. A user the registry accepts is
 * mirrored into the appliance's directory with the roles their groups give, so tokens, four-eyes
 * checks, disabling and the audit trail work for them as for local users.
 */
@ApplicationScoped
public class ExternalDirectory {

    private static final Logger LOG = Logger.getLogger(ExternalDirectory.class.getName());

    @Inject
    Settings settings;

    @Inject
    UserDirectory users;

    private RoleGroups roleGroups;

    @PostConstruct
    void readMapping() {
        roleGroups = RoleGroups.parse(settings.roleGroups());
    }

    public boolean enabled() {
        return settings.directory().equals("liberty");
    }

    /** The caller's roles from their groups; empty when the registry refuses them or no group maps to a role. */
    public Optional<Set<String>> verify(String username, String password) {
        if (!enabled()) {
            return Optional.empty();
        }
        List<String> groups;
        try {
            UserRegistry registry = RegistryHelper.getUserRegistry(null);
            String securityName = registry.checkPassword(username, password);
            groups = registry.getGroupsForUser(securityName);
        } catch (PasswordCheckFailedException | EntryNotFoundException refused) {
            return Optional.empty();
        } catch (Exception unreachable) {
            // An unreachable directory refuses logins rather than failing requests; the log says why.
            LOG.log(Level.WARNING, "The user registry could not check " + username, unreachable);
            return Optional.empty();
        }
        Set<String> roles = roleGroups.roles(groups);
        if (roles.isEmpty()) {
            return Optional.empty();
        }
        return users.mirror(username, roles).filter(UserAccount::enabled).map(UserAccount::roles);
    }
}
