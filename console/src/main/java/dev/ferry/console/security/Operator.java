package dev.ferry.console.security;

import jakarta.ws.rs.core.SecurityContext;

/** The name the console records as the actor of an operator's action. */
public final class Operator {

    private static final int MAX = 200;

    private Operator() {
    }

    /**
     * @param security the request's security context
     * @return the caller's principal name, cut to 200 characters
     * @throws IllegalStateException without a principal (the filter lets no such action through)
     */
    public static String name(SecurityContext security) {
        if (security.getUserPrincipal() == null || security.getUserPrincipal().getName().isBlank()) {
            throw new IllegalStateException("An operator action needs an authenticated caller");
        }
        String name = security.getUserPrincipal().getName();
        return name.length() > MAX ? name.substring(0, MAX) : name;
    }
}
