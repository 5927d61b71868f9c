package io.runvault.security;

import com.ibm.websphere.security.EntryNotFoundException;
import com.ibm.websphere.security.PasswordCheckFailedException;
import com.ibm.websphere.security.Result;
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

    /**
     * The caller as the registry knows them, with the roles their groups give; empty when the registry
     * refuses them or no group maps to a role. The appliance user is named by the registry's own
     * entry, not by what was typed, so names differing in case are one user, as the directory says.
     */
    public Optional<LoginOutcome.Accepted> verify(String username, String password) {
        if (!enabled()) {
            return Optional.empty();
        }
        List<String> groups;
        String canonical;
        try {
            UserRegistry registry = RegistryHelper.getUserRegistry(null);
            String securityName = registry.checkPassword(username, password);
            if (securityName == null) {
                return Optional.empty();
            }
            String entry = storedName(registry, securityName);
            canonical = leafValue(entry).matches(UserAccount.NAME_PATTERN) ? leafValue(entry) : null;
            groups = registry.getGroupsForUser(entry);
        } catch (PasswordCheckFailedException | EntryNotFoundException refused) {
            return Optional.empty();
        } catch (Exception unreachable) {
            // An unreachable directory refuses logins rather than failing requests; the log says why.
            LOG.log(Level.WARNING, "The user registry could not check " + username, unreachable);
            return Optional.empty();
        }
        if (canonical == null) {
            LOG.warning("The user registry's name for " + username + " is no valid appliance user name; refused");
            return Optional.empty();
        }
        Set<String> roles = roleGroups.roles(groups);
        if (roles.isEmpty()) {
            return Optional.empty();
        }
        return users.mirror(canonical, roles).filter(UserAccount::enabled)
                .map(user -> new LoginOutcome.Accepted(user.username(), user.roles()));
    }

    /** Whether the registry holds this user, whose password then belongs to the directory, not the appliance. */
    public boolean manages(String username) {
        if (!enabled()) {
            return false;
        }
        try {
            UserRegistry registry = RegistryHelper.getUserRegistry(null);
            return registry.isValidUser(username);
        } catch (Exception unreachable) {
            LOG.log(Level.WARNING, "The user registry could not look up " + username, unreachable);
            return false;
        }
    }

    /**
     * The registry's own spelling of an authenticated user's security name (for LDAP a DN, whose
     * leading attribute value is the name): some registries echo the typed name from checkPassword,
     * so the entry a search finds for it is taken when exactly one matches regardless of case.
     */
    static String storedName(UserRegistry registry, String securityName) throws Exception {
        String leaf = leafValue(securityName);
        Result found = registry.getUsers(leaf, 10);
        if (found == null || found.getList() == null) {
            return securityName;
        }
        List<String> same = ((List<?>) found.getList()).stream().map(String::valueOf)
                .filter(candidate -> leafValue(candidate).equalsIgnoreCase(leaf)).distinct().toList();
        return same.size() == 1 ? same.get(0) : securityName;
    }

    /** {@code uid=ldapbob,ou=people,dc=example} -> {@code ldapbob}; a plain name stays as it is. */
    static String leafValue(String securityName) {
        int equals = securityName.indexOf('=');
        if (equals < 0) {
            return securityName;
        }
        int comma = securityName.indexOf(',', equals);
        return securityName.substring(equals + 1, comma < 0 ? securityName.length() : comma).trim();
    }
}
