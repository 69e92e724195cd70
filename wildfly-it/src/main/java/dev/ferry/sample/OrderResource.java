package dev.ferry.sample;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** {@code POST /orders}, {@code GET /orders/{id}}. */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {

    @Inject
    OrderService orders;

    @Inject
    ReceivedEvents received;

    /**
     * @param request the order
     * @return 201 with the placed order, or 422 with the error when the order is refused
     */
    @POST
    public Response place(OrderRequest request) {
        try {
            PurchaseOrder order = orders.place(request);
            return Response.status(Response.Status.CREATED).entity(view(order)).build();
        } catch (OrderRejectedException e) {
            return Response.status(422).entity(Map.of("error", e.getMessage())).build();
        }
    }

    /**
     * @param id an order id
     * @return the order with the events received about it, or 404
     */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        PurchaseOrder order = orders.find(id);
        return order == null ? Response.status(Response.Status.NOT_FOUND).build() : Response.ok(view(order)).build();
    }

    private Map<String, Object> view(PurchaseOrder o) {
        List<String> events = received.forOrder(o.getId()).stream()
                .map(e -> e.getChannel() + ":" + e.getMessageId()).toList();
        return Map.of("id", o.getId(), "customer", o.getCustomer(), "totalCents", o.getTotalCents(),
                "status", o.getStatus().name(), "sagaId", String.valueOf(o.getSagaId()), "receivedEvents", events);
    }
}
