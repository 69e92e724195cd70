package dev.ferry.sample.it.matrix.json;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /amount}: an object the server's JSON provider writes. */
@Path("/amount")
public class AmountResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Amount amount() {
        return new Amount(42, "not for the wire");
    }
}
