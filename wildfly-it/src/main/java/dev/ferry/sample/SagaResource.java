package dev.ferry.sample;

import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaView;
import dev.ferry.saga.UnknownSagaException;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /sagas/{id}}, the carrier's reply {@code POST /sagas/{id}/shipped}, and an operator's
 * {@code POST /sagas/{id}/cancel}.
 */
@Path("/sagas")
@Produces(MediaType.APPLICATION_JSON)
public class SagaResource {

    @Inject
    SagaCoordinator sagas;

    @Inject
    OrderService orders;

    @Inject
    StepLog steps;

    @Inject
    SagaOperations operations;

    /**
     * @param id a saga id
     * @return the saga's status, history and effects; 400 if the id is not a UUID, 404 with
     *     {@code {"error": ...}} if there is no such saga
     */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        UUID sagaId = sagaId(id);
        return sagas.find(sagaId).map(v -> Response.ok(view(v)).build())
                .orElseGet(() -> notFound(new UnknownSagaException(sagaId)));
    }

    /**
     * The carrier's reply to the waiting shipping step; see {@link OrderService#shipped}.
     *
     * @param id the saga's id
     * @return 200 if the saga was waiting for it, 409 if not ({@code accepted} says which); 400 if the
     *     id is not a UUID, 404 if there is no such saga
     */
    @POST
    @Path("{id}/shipped")
    public Response shipped(@PathParam("id") String id) {
        UUID sagaId = sagaId(id);
        try {
            boolean accepted = orders.shipped(sagaId);
            return Response.status(accepted ? 200 : 409).entity(Map.of("accepted", accepted)).build();
        } catch (EJBException e) { // a system exception from the bean: its transaction rolled back
            if (e.getCause() instanceof UnknownSagaException unknown) {
                return notFound(unknown);
            }
            throw e;
        }
    }

    /**
     * {@code POST /sagas/{id}/cancel} with the reason as the body.
     *
     * @param id the saga id
     * @param reason why, recorded in the saga's audit entry
     * @return 200 with the new status, 404 for an unknown saga, 409 when its status does not allow
     *     it, 422 when the request was rolled back
     */
    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.TEXT_PLAIN)
    public Response cancel(@PathParam("id") String id, String reason) {
        UUID sagaId = sagaId(id);
        try {
            return Response.ok(Map.of("status", operations.cancel(sagaId, reason).name())).build();
        } catch (OrderRejectedException e) {
            return Response.status(422).entity(Map.of("error", e.getMessage())).build();
        } catch (EJBException e) { // a system exception from the bean: its transaction rolled back
            if (e.getCause() instanceof UnknownSagaException unknown) {
                return notFound(unknown);
            }
            if (e.getCause() instanceof IllegalStateException notNow) {
                return Response.status(409).entity(Map.of("error", notNow.getMessage())).build();
            }
            throw e;
        }
    }

    /** A saga id from the path, or 400 naming it when it is not a UUID. */
    private static UUID sagaId(String id) {
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // refused below, with the same message
        }
        throw new BadRequestException("id", "'" + (id.length() > 40 ? id.substring(0, 40) + "..." : id)
                + "' is not a saga id: a saga id is a UUID such as 3f2c9a4e-8b1d-4c6e-9f0a-2b7d5e1c8a93");
    }

    private static Response notFound(UnknownSagaException e) {
        return Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", e.getMessage())).build();
    }

    private Map<String, Object> view(SagaView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id().toString());
        m.put("name", v.name());
        m.put("status", v.status().name());
        m.put("currentStep", String.valueOf(v.currentStep()));
        m.put("attempts", v.attempts());
        m.put("lastError", String.valueOf(v.lastError()));
        m.put("history", v.history().stream().map(r -> r.step() + ":" + r.outcome()).toList());
        m.put("audit", v.audit().stream().map(r -> r.actor() + ":" + r.outcome() + ":" + r.error()).toList());
        FulfilmentData data = v.data(FulfilmentData.class);
        m.put("effects", data == null ? List.of() : steps.actions(data.orderId()));
        return m;
    }
}
