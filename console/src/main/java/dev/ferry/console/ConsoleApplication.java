package dev.ferry.console;

import dev.ferry.console.audit.AuditResource;
import dev.ferry.console.http.ConsoleErrorMapper;
import dev.ferry.console.http.ConsoleRequestFilter;
import dev.ferry.console.outbox.DeadMessageResource;
import dev.ferry.console.overview.OverviewResource;
import dev.ferry.console.sagas.SagaResource;
import dev.ferry.console.security.WhoAmIResource;
import dev.ferry.console.ui.UiResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The console's Jakarta REST application, at {@code /ferry} unless the WAR's web.xml maps the servlet
 * named {@code dev.ferry.console.ConsoleApplication} elsewhere (the standard way to move a Jakarta REST
 * application; README, "Operator console").
 *
 * <p>It lists its classes, so scanning adds nothing to it, and none of them is annotated
 * {@code @Provider}: the console's error mappers and request filter apply to the console's resources
 * only, never to the application's own Jakarta REST resources. The console writes and reads JSON
 * itself (Jakarta JSON Processing), so the application's JSON provider is neither used nor changed.
 */
@ApplicationPath("ferry")
public class ConsoleApplication extends Application {

    /** The servlet name Jakarta REST gives this application; a web.xml mapping of it moves the console. */
    public static final String SERVLET_NAME = "dev.ferry.console.ConsoleApplication";

    /** @return the console's resources, its error mapper and its request filter */
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(WhoAmIResource.class, OverviewResource.class, SagaResource.class, DeadMessageResource.class,
                AuditResource.class, UiResource.class, ConsoleErrorMapper.class, ConsoleRequestFilter.class);
    }
}
