package dev.ferry.console.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code GET /ferry/api/me}: who the caller is and whether it may act (the UI shows actions accordingly). */
@Path("api/me")
@RequestScoped
@ConsoleSecured
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {

    @Inject
    ConsoleRoles roles;

    @Context
    SecurityContext security;

    /** @return {@code {"user": name, "operator": boolean}} */
    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    public String me() {
        boolean operator = false;
        for (String role : roles.containerRoles(ConsoleRoles.OPERATOR)) {
            operator |= security.isUserInRole(role);
        }
        return Json.createObjectBuilder().add("user", security.getUserPrincipal().getName())
                .add("operator", operator).build().toString();
    }
}
