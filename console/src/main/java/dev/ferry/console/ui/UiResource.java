package dev.ferry.console.ui;

import dev.ferry.console.security.ConsoleRoles;
import dev.ferry.console.security.ConsoleSecured;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the UI's files (HTML, CSS, JavaScript modules, SVG) from {@code META-INF/resources/ferry/}
 * in the console's jar, under the console's path: {@code /ferry/} is {@code index.html}. Only names of
 * letters, digits, dashes and dots in at most one folder are served, so no path leaves the folder.
 */
@Path("")
@RequestScoped
@ConsoleSecured
public class UiResource {

    static final String FOLDER = "META-INF/resources/ferry/";
    private static final Pattern NAME = Pattern.compile("([a-z0-9-]+/)?[a-z0-9-]+\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");

    @Context
    UriInfo uri;

    /** @return the UI's page; at the path without its final slash, a redirect to it (relative links need it) */
    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    public Response index() {
        if (!uri.getAbsolutePath().getPath().endsWith("/")) {
            return Response.seeOther(uri.getAbsolutePathBuilder().path("/").build()).build();
        }
        return file("index.html");
    }

    /**
     * @param name a file of the UI, such as {@code js/app.js}
     * @return its content, or 404
     */
    @GET
    @Path("{name: (?!api/).+}")
    @RolesAllowed(ConsoleRoles.VIEWER)
    public Response file(@PathParam("name") String name) {
        if (!NAME.matcher(name).matches()) {
            throw new NotFoundException("No console file " + name);
        }
        InputStream in = UiResource.class.getClassLoader().getResourceAsStream(FOLDER + name);
        if (in == null) {
            throw new NotFoundException("No console file " + name);
        }
        CacheControl cache = new CacheControl();
        cache.setNoCache(true);
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        return Response.ok(in, type).cacheControl(cache).header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'self'; style-src 'self'; img-src 'self' data:;"
                        + " frame-ancestors 'none'").build();
    }
}
