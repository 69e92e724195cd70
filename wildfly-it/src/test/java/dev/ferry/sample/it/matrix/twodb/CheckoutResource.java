package dev.ferry.sample.it.matrix.twodb;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /checkouts?id=c-1&fail=false&halt=false}: 204 when committed, 409 when rolled back;
 * {@code GET /checkouts/published}: what the relays published, one line per delivery.
 */
@Path("checkouts")
@RequestScoped
public class CheckoutResource {

    @Inject
    CheckoutService service;

    @Inject
    PublishedMessages published;

    /**
     * @param id the checkout's id
     * @param fail whether it fails after its writes
     * @param halt whether the JVM halts in phase two of its commit
     * @return 204 or 409
     */
    @POST
    public Response checkout(@QueryParam("id") String id, @QueryParam("fail") boolean fail,
                             @QueryParam("halt") boolean halt) throws Exception {
        try {
            service.checkout(id, fail, halt);
            return Response.noContent().build();
        } catch (EJBException e) {
            return Response.status(Response.Status.CONFLICT).entity(String.valueOf(e.getCause())).build();
        }
    }

    /** @return one line per delivery: outbox, topic, key */
    @GET
    @Path("published")
    @Produces(MediaType.TEXT_PLAIN)
    public String published() {
        return String.join("\n", published.lines());
    }
}
