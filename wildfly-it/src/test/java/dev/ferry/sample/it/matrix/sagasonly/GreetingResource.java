package dev.ferry.sample.it.matrix.sagasonly;

import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** {@code POST /greetings?name=x} starts a saga (its id); {@code GET /greetings/<id>} its status. */
@Path("greetings")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class GreetingResource {

    @Inject
    SagaCoordinator sagas;

    /**
     * @param name whom to greet
     * @return the saga's id
     */
    @POST
    public String start(@QueryParam("name") String name) {
        return sagas.start(GreetingSaga.class, new GreetingSaga.GreetingData(name)).toString();
    }

    /**
     * @param id a saga's id
     * @return its status, or NONE
     */
    @GET
    @Path("{id}")
    public String status(@PathParam("id") String id) {
        return sagas.find(UUID.fromString(id)).map(SagaView::status).map(Enum::name).orElse("NONE");
    }
}
