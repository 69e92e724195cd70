package dev.ferry.sample.it.matrix.soak;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /messages?n=10} publishes n messages in one transaction, {@code POST /sagas} starts a saga,
 * {@code GET /latency} gives the commit-to-publish latencies since the last call, {@code GET /health} answers once
 * deployed.
 */
@Path("/")
@RequestScoped
public class SoakResource {

    @Inject
    SoakService soak;

    @Inject
    LatencyWindow latency;

    @POST
    @Path("messages")
    public void messages(@QueryParam("n") @DefaultValue("10") int n) {
        soak.publish(n);
    }

    @POST
    @Path("sagas")
    @Produces(MediaType.TEXT_PLAIN)
    public String saga() {
        return soak.startSaga().toString();
    }

    @GET
    @Path("latency")
    @Produces(MediaType.APPLICATION_JSON)
    public String latency() {
        long[] w = latency.drain();
        return "{\"window\":" + w[0] + ",\"received\":" + w[1] + ",\"p50us\":" + w[2] + ",\"p99us\":" + w[3]
                + ",\"maxus\":" + w[4] + "}";
    }

    @GET
    @Path("health")
    @Produces(MediaType.APPLICATION_JSON)
    public String health() {
        return "{\"status\":\"UP\"}";
    }
}
