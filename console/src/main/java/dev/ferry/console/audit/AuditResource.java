package dev.ferry.console.audit;

import dev.ferry.console.Engines;
import dev.ferry.console.outbox.DeadMessageJson;
import dev.ferry.console.sagas.SagaJson;
import dev.ferry.console.security.ConsoleRoles;
import dev.ferry.console.security.ConsoleSecured;
import dev.ferry.outbox.OutboxAuditEntry;
import dev.ferry.outbox.OutboxAuditPage;
import dev.ferry.saga.engine.SagaEngine;
import dev.ferry.saga.store.SagaStatistics;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * {@code /ferry/api/audit/sagas} and {@code /ferry/api/audit/outbox}: the operator actions, newest
 * first, a page at a time.
 */
@Path("api/audit")
@RequestScoped
@ConsoleSecured
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final int PAGE = 50;

    @Inject
    Engines engines;

    /**
     * @param cursor the next page's cursor
     * @return {@code {"items": [{"sagaId", "step", "outcome", "actor", "reason", "at"}], "nextCursor"}}
     */
    @GET
    @Path("sagas")
    @RolesAllowed(ConsoleRoles.VIEWER)
    public String sagas(@QueryParam("cursor") String cursor) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        Optional<SagaEngine> engine = engines.sagaEngine();
        Optional<String> next = Optional.empty();
        if (engine.isPresent()) {
            SagaStatistics.AuditPage page = engine.get().statistics().audit(PAGE, blankToNull(cursor));
            for (SagaStatistics.AuditEntry e : page.items()) {
                items.add(Json.createObjectBuilder(SagaJson.record(e.entry(), null))
                        .add("sagaId", e.sagaId().toString()));
            }
            next = page.nextCursor();
        }
        return page(items, next);
    }

    /**
     * @param cursor the next page's cursor
     * @return {@code {"items": [{"action", "messageId", "topic", "affected", "actor", "reason", "at"}],
     *     "nextCursor"}}
     */
    @GET
    @Path("outbox")
    @RolesAllowed(ConsoleRoles.VIEWER)
    public String outbox(@QueryParam("cursor") String cursor) {
        OutboxAuditPage page = engines.outbox().admin().audit(PAGE, blankToNull(cursor));
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (OutboxAuditEntry e : page.items()) {
            items.add(DeadMessageJson.of(e));
        }
        return page(items, page.nextCursor());
    }

    private static String page(JsonArrayBuilder items, Optional<String> next) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("items", items);
        if (next.isPresent()) {
            o.add("nextCursor", next.get());
        } else {
            o.addNull("nextCursor");
        }
        return o.build().toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
