package dev.ferry.sample.it.matrix.jsonmapper;

import dev.ferry.sample.it.matrix.json.Amount;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /parcels/{code}} sends a parcel; {@code GET /amount} is written by the server's JSON provider. */
@Path("/")
public class ParcelResource {

    @Inject
    ParcelService parcels;

    /**
     * @param code the tracking code
     * @return the saga's id
     */
    @POST
    @Path("parcels/{code}")
    @Produces(MediaType.TEXT_PLAIN)
    public String send(@PathParam("code") String code) {
        return parcels.send(code).toString();
    }

    /** @return an object the server's JSON-B writes as {@code {"amount_cents":42}} */
    @GET
    @Path("amount")
    @Produces(MediaType.APPLICATION_JSON)
    public Amount amount() {
        return new Amount(42, "not for the wire");
    }
}
