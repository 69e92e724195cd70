package dev.ferry.console.http;

import dev.ferry.console.security.ConsoleRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;

/**
 * Checks every console request before its resource method runs: an unauthenticated caller gets 401,
 * a caller without the method's role ({@code @RolesAllowed}, mapped by {@link ConsoleRoles}) 403, and
 * a POST without the header {@value #ACTION_HEADER}{@code : 1} 403 (a cross-site form or a plain link
 * cannot send it, and no state changes through GET). A resource method without {@code @RolesAllowed}
 * is open (the UI's static files). Registered by the console's application only (no {@code @Provider}).
 */
public class ConsoleRequestFilter implements ContainerRequestFilter {

    /** The request header every action must carry. */
    public static final String ACTION_HEADER = "X-Ferry-Console";
    /** The request attribute this filter sets on the requests it let through. */
    public static final String PASSED = ConsoleRequestFilter.class.getName() + ".passed";

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    /** Read once per application: the filter is made by Jakarta REST, not by CDI. */
    private volatile ConsoleRoles roles;

    @Override
    public void filter(ContainerRequestContext request) {
        if (roles == null) {
            roles = new ConsoleRoles();
        }
        Method method = resource.getResourceMethod();
        RolesAllowed allowed = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (allowed == null && method != null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed != null) {
            SecurityContext security = request.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                request.abortWith(ErrorResponses.of(Response.Status.UNAUTHORIZED, "Sign in to use the Ferry console")
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"ferry\"").build());
                return;
            }
            if (!hasAnyRole(security, allowed.value())) {
                request.abortWith(ErrorResponses.of(Response.Status.FORBIDDEN, security.getUserPrincipal().getName()
                        + " may not " + (HttpMethod.GET.equals(request.getMethod()) ? "read this" : "do this")
                        + ": it needs the role " + String.join(" or ", roles.containerRoles(allowed.value()[0])))
                        .build());
                return;
            }
        }
        if (!HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod())
                && !"1".equals(request.getHeaderString(ACTION_HEADER))) {
            request.abortWith(ErrorResponses.of(Response.Status.FORBIDDEN, "An action needs the request header "
                    + ACTION_HEADER + ": 1").build());
            return;
        }
        servletRequest.setAttribute(PASSED, Boolean.TRUE);
    }

    private boolean hasAnyRole(SecurityContext security, String[] logicalRoles) {
        for (String logical : logicalRoles) {
            for (String role : roles.containerRoles(logical)) {
                if (security.isUserInRole(role)) {
                    return true;
                }
            }
        }
        return false;
    }
}
