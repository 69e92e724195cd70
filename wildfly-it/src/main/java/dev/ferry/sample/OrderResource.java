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
     * @param body the order, a JSON object ({@link OrderRequest}), read here field by field so that a
     *     bad one is named
     * @return 201 with the placed order, 400 naming the field when the request is not valid
     *     ({@link BadRequestMapper}), or 422 with the error when the order is refused
     */
    @POST
    public Response place(String body) {
        OrderRequest request = OrderRequest.parse(body);
        try {
            PurchaseOrder order = orders.place(request);
            return Response.status(Response.Status.CREATED).entity(view(order)).build();
        } catch (OrderRejectedException e) {
            return Response.status(422).entity(Map.of("error", e.getMessage())).build();
        }
    }

    /**
     * @param id an order id
     * @return the order with the events received about it, or 404 with {@code {"error": ...}}
     */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        // ids are UUIDs of 36 characters: a longer one names no order, and is not looked up
        PurchaseOrder order = id.length() > 36 ? null : orders.find(id);
        return order == null
                ? Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "There is no order "
                        + (id.length() > 40 ? id.substring(0, 40) + "..." : id))).build()
                : Response.ok(view(order)).build();
    }

    private Map<String, Object> view(PurchaseOrder o) {
        List<String> events = received.forOrder(o.getId()).stream()
                .map(e -> e.getChannel() + ":" + e.getMessageId()).toList();
        return Map.of("id", o.getId(), "customer", o.getCustomer(), "totalCents", o.getTotalCents(),
                "status", o.getStatus().name(), "sagaId", String.valueOf(o.getSagaId()), "receivedEvents", events);
    }
}
