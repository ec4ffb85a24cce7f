package io.whalefall.platform.security;

import java.util.LinkedHashSet;
import java.util.Set;

/** The roles of the WhaleFall APIs. {@code admin} includes the other two. */
public final class Roles {

    /** Reads capacity data and sessions. */
    public static final String VIEWER = "viewer";
    /** Triggers aggregations, cancels sessions, manages instances. */
    public static final String ADMIN = "admin";
    /** Posts capacity samples and instance metadata (collectors). */
    public static final String COLLECTOR = "collector";

    private Roles() {
    }

    /** The configured roles plus the ones they imply. */
    public static Set<String> expand(Set<String> granted) {
        Set<String> roles = new LinkedHashSet<>(granted);
        if (roles.contains(ADMIN)) {
            roles.add(VIEWER);
            roles.add(COLLECTOR);
        }
        return roles;
    }
}
