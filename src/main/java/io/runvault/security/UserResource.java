package io.runvault.security;

import io.runvault.problem.ConflictException;
import io.runvault.problem.ForbiddenException;
import io.runvault.problem.InvalidRequestException;
import io.runvault.problem.TooManyRequestsException;
import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/users")
@RequestScoped
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "users", description = "Users and their roles (administrators)")
public class UserResource {

    @Inject
    UserDirectory users;

    @Inject
    LoginVerifier logins;

    @Inject
    ExternalDirectory external;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listUsers", summary = "All users")
    @APIResponse(responseCode = "200", description = "The users",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView[].class)))
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createUser", summary = "Create a user with a password and roles")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "Bad name, weak password or unknown role")
    @APIResponse(responseCode = "409", description = "The name is taken")
    public Response create(NewUser user, @Context SecurityContext security) {
        if (user == null || user.password() == null) {
            throw new InvalidRequestException("bad-user", "A new user needs username, password and roles");
        }
        UserAccount created = users.create(user.username(), user.password().toCharArray(), user.roles(),
                security.getUserPrincipal().getName());
        return Response.status(201).entity(UserView.of(created)).build();
    }

    @GET
    @Path("me")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "whoAmI", summary = "The calling user")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    public UserView me(@Context SecurityContext security) {
        return UserView.of(users.get(security.getUserPrincipal().getName()));
    }

    @GET
    @Path("{username}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getUser", summary = "One user")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", description = "No such user")
    public UserView get(@PathParam("username") String username) {
        return UserView.of(users.get(username));
    }

    @PUT
    @Path("{username}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "changeUserRoles", summary = "Replace a user's roles")
    @APIResponse(responseCode = "200", description = "The user with the new roles",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "Unknown role or none")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "It would leave no enabled administrator")
    public UserView changeRoles(@PathParam("username") String username, RoleChange change,
                                @Context SecurityContext security) {
        if (change == null) {
            throw new InvalidRequestException("bad-roles", "The body names the new roles");
        }
        return UserView.of(users.changeRoles(username, change.roles() == null ? List.of() : change.roles(),
                security.getUserPrincipal().getName()));
    }

    @POST
    @Path("{username}/disable")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "disableUser", summary = "Disable a user: its password and tokens stop working")
    @APIResponse(responseCode = "200", description = "The disabled user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "It would leave no enabled administrator")
    public UserView disable(@PathParam("username") String username, @Context SecurityContext security) {
        return UserView.of(users.disable(username, security.getUserPrincipal().getName()));
    }

    @POST
    @Path("{username}/enable")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "enableUser", summary = "Enable a disabled user")
    @APIResponse(responseCode = "200", description = "The enabled user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", description = "No such user")
    public UserView enable(@PathParam("username") String username, @Context SecurityContext security) {
        return UserView.of(users.enable(username, security.getUserPrincipal().getName()));
    }

    @PUT
    @Path("me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "changeMyPassword",
            summary = "Change the caller's own password; the current one must be given. Logins with the old one stop working")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "A password is missing, or the new one is too short or too long")
    @APIResponse(responseCode = "403", description = "The current password is wrong")
    @APIResponse(responseCode = "409", description = "The user's password belongs to the server's user registry (LDAP)")
    @APIResponse(responseCode = "429", description = "Too many wrong passwords for now; see Retry-After")
    public UserView changeMyPassword(PasswordChange change, @Context SecurityContext security,
                                     @Context HttpServletRequest request) {
        if (change == null || change.currentPassword() == null || change.newPassword() == null) {
            throw new InvalidRequestException("bad-password-change", "The body has currentPassword and newPassword");
        }
        String caller = security.getUserPrincipal().getName();
        refuseDirectoryManaged(caller);
        UserDirectory.checkPassword(change.newPassword().toCharArray());
        // The same check (and throttle) as a login: a stolen token must not become a password oracle.
        LoginOutcome outcome = logins.verify(caller, change.currentPassword(), request.getRemoteAddr());
        if (outcome instanceof LoginOutcome.Throttled throttled) {
            throw new TooManyRequestsException("too-many-logins",
                    "Too many wrong passwords for this user or from this address; try again later", throttled.retryAfter());
        }
        if (!(outcome instanceof LoginOutcome.Accepted accepted) || !accepted.username().equals(caller)) {
            throw new ForbiddenException("wrong-password", "The current password is wrong");
        }
        return UserView.of(users.changePassword(caller, change.newPassword().toCharArray(), caller));
    }

    @PUT
    @Path("{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "resetUserPassword",
            summary = "Set a user's password (administrators); logins with the old one stop working")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "The new password is missing, too short or too long")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "The user's password belongs to the server's user registry (LDAP)")
    public UserView resetPassword(@PathParam("username") String username, PasswordReset reset,
                                  @Context SecurityContext security) {
        if (reset == null || reset.newPassword() == null) {
            throw new InvalidRequestException("bad-password-reset", "The body has newPassword");
        }
        users.get(username);
        refuseDirectoryManaged(username);
        return UserView.of(users.changePassword(username, reset.newPassword().toCharArray(),
                security.getUserPrincipal().getName()));
    }

    private void refuseDirectoryManaged(String username) {
        if (external.manages(username)) {
            throw new ConflictException("directory-managed",
                    "User " + username + " logs in with the password of the server's user registry; change it there");
        }
    }
}
