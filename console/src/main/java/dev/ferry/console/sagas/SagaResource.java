package dev.ferry.console.sagas;

import dev.ferry.console.Engines;
import dev.ferry.console.http.JsonBodies;
import dev.ferry.console.security.ConsoleRoles;
import dev.ferry.console.security.ConsoleSecured;
import dev.ferry.console.security.Operator;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaPage;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.SagaSummary;
import dev.ferry.saga.SagaView;
import dev.ferry.saga.UnknownSagaException;
import dev.ferry.saga.engine.SagaEngine;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /ferry/api/sagas}: sagas listed with filters and cursor pages, found by id or idempotency
 * key, a saga's detail, and the operator actions (POST, JSON body with a reason, the caller's
 * principal recorded as the actor).
 */
@Path("api/sagas")
@RequestScoped
@ConsoleSecured
@Produces(MediaType.APPLICATION_JSON)
public class SagaResource {

    @Inject
    Engines engines;

    @Context
    SecurityContext security;

    /**
     * @param status comma-separated statuses
     * @param name a saga name
     * @param from started at or after (ISO-8601)
     * @param to started before (ISO-8601)
     * @param stuck minutes without progress (RUNNING or COMPENSATING)
     * @param limit page size, 1 to 200 (default 50)
     * @param cursor the next page's cursor
     * @return {@code {"items": [...], "nextCursor": ..., "total": n}}
     */
    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    public String list(@QueryParam("status") String status, @QueryParam("name") String name,
                       @QueryParam("from") String from, @QueryParam("to") String to,
                       @QueryParam("stuck") String stuck, @QueryParam("limit") String limit,
                       @QueryParam("cursor") String cursor) {
        var query = SagaFilter.query(status, name, from, to, stuck, limit, cursor);
        SagaCoordinator sagas = engines.requireSagaEngine().coordinator();
        SagaPage page = sagas.query(query);
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (SagaSummary s : page.items()) {
            items.add(SagaJson.summary(s));
        }
        var o = Json.createObjectBuilder().add("items", items).add("total", sagas.count(query));
        if (page.nextCursor().isPresent()) {
            o.add("nextCursor", page.nextCursor().get());
        } else {
            o.addNull("nextCursor");
        }
        return o.build().toString();
    }

    /**
     * @param q a saga id, or an idempotency key (looked up under every saga name)
     * @return {@code {"items": [...]}}: the sagas found
     */
    @GET
    @Path("search")
    @RolesAllowed(ConsoleRoles.VIEWER)
    public String search(@QueryParam("q") String q) {
        if (q == null || q.isBlank() || q.length() > 200) {
            throw new IllegalArgumentException("q must be a saga id or an idempotency key of 1 to 200 characters");
        }
        String term = q.strip();
        SagaEngine engine = engines.requireSagaEngine();
        Set<UUID> seen = new LinkedHashSet<>();
        JsonArrayBuilder items = Json.createArrayBuilder();
        uuid(term).flatMap(engine.coordinator()::find).ifPresent(v -> {
            seen.add(v.id());
            items.add(SagaJson.summary(v));
        });
        Set<String> names = new LinkedHashSet<>(engine.sagaNames());
        names.addAll(engine.statistics().countsByNameAndStatus().keySet());
        for (String name : names) {
            engine.coordinator().findByIdempotencyKey(name, term).filter(v -> seen.add(v.id()))
                    .ifPresent(v -> items.add(SagaJson.summary(v)));
        }
        return Json.createObjectBuilder().add("items", items).build().toString();
    }

    /**
     * @param id the saga id
     * @return the saga's detail: data, timeline, audit, trace id and the actions its state allows
     */
    @GET
    @Path("{id}")
    @RolesAllowed(ConsoleRoles.VIEWER)
    public String detail(@PathParam("id") String id) {
        UUID sagaId = requireUuid(id);
        SagaEngine engine = engines.requireSagaEngine();
        SagaView view = engine.coordinator().find(sagaId).orElseThrow(() -> new UnknownSagaException(sagaId));
        return SagaJson.detail(view, engine.stepNames(view.name(), view.version()), engine.dataToJson(view.data()),
                engine.statistics().traceparent(sagaId)).toString();
    }

    /**
     * Runs an operator action: {@code resume}, {@code compensate}, {@code cancel}, {@code abort},
     * {@code retry-compensation}, or {@code skip} (with {@code step} and optional {@code data}).
     *
     * @param id the saga id
     * @param action the action
     * @param body {@code {"reason": "..."}}; for skip also {@code "step"} and {@code "data"} (JSON of the
     *     saga's data type, or absent to keep the data)
     * @return {@code {"id": ..., "status": new status}}
     */
    @POST
    @Path("{id}/{action}")
    @RolesAllowed(ConsoleRoles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public String act(@PathParam("id") String id, @PathParam("action") String action, String body) {
        UUID sagaId = requireUuid(id);
        JsonObject request = JsonBodies.object(body);
        String reason = JsonBodies.reason(request);
        SagaEngine engine = engines.requireSagaEngine();
        SagaCoordinator sagas = engine.coordinator().withActor(Operator.name(security));
        SagaStatus status = switch (action) {
            case SagaActions.RESUME -> sagas.resume(sagaId, reason);
            case SagaActions.COMPENSATE -> sagas.compensate(sagaId, reason);
            case SagaActions.CANCEL -> sagas.cancel(sagaId, reason);
            case SagaActions.ABORT -> sagas.abort(sagaId, reason);
            case SagaActions.RETRY_COMPENSATION -> sagas.retryCompensation(sagaId, reason);
            case SagaActions.SKIP -> skip(engine, sagas, sagaId, request, reason);
            default -> throw new NotFoundException("No saga action " + action);
        };
        return Json.createObjectBuilder().add("id", sagaId.toString()).add("status", status.name()).build()
                .toString();
    }

    private static SagaStatus skip(SagaEngine engine, SagaCoordinator sagas, UUID id, JsonObject request,
                                   String reason) {
        String step = JsonBodies.optionalString(request, "step");
        if (step == null || step.isBlank()) {
            throw new IllegalArgumentException("step is required: the name of the step to skip");
        }
        JsonValue data = request.get("data");
        Object value = null;
        if (data != null && data.getValueType() != JsonValue.ValueType.NULL) {
            SagaView view = sagas.find(id).orElseThrow(() -> new UnknownSagaException(id));
            String text = data.getValueType() == JsonValue.ValueType.STRING
                    ? JsonBodies.optionalString(request, "data") : data.toString();
            value = engine.dataFromJson(view.name(), view.version(), text);
        }
        return sagas.skip(id, step, value, reason);
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static UUID requireUuid(String id) {
        return uuid(id).filter(u -> u.toString().equalsIgnoreCase(id))
                .orElseThrow(() -> new IllegalArgumentException("'" + id + "' is not a saga id (a UUID)"));
    }
}
