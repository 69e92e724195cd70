package dev.ferry.sample;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code GET /outbox/dead}: how many messages are dead; {@code POST /outbox/dead/replay}: replay them. */
@Path("/outbox/dead")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {

    @Inject
    OutboxOperations operations;

    /**
     * @return 200 with {@code {"dead": n}}
     */
    @GET
    public Map<String, Integer> dead() {
        return Map.of("dead", operations.deadCount());
    }

    /**
     * Replays every dead message, with the reason as the body.
     *
     * @param reason why
     * @return 200 with {@code {"replayed": n}}, or 422 when the request was rolled back
     */
    @POST
    @Path("replay")
    @Consumes(MediaType.TEXT_PLAIN)
    public Response replay(String reason) {
        try {
            return Response.ok(Map.of("replayed", operations.replayAll(reason))).build();
        } catch (OrderRejectedException e) {
            return Response.status(422).entity(Map.of("error", e.getMessage())).build();
        }
    }
}
