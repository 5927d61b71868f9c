package io.runvault.roles;

import java.util.List;

/** The four roles (DESIGN.md). Higher roles include the lower ones when a user is given them. */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String CONTRIBUTOR = "contributor";
    public static final String APPROVER = "approver";
    public static final String ADMIN = "admin";

    /** Everything the built-in administrator may do. */
    public static final List<String> ALL = List.of(VIEWER, CONTRIBUTOR, APPROVER, ADMIN);

    private Roles() {
    }
}
