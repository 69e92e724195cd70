package dev.ferry.sample.it.probe;

import dev.ferry.outbox.spi.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code POST /probe/{good}} calls {@link ProbePublisher} and answers with the class of the exception
 * that reached it; {@code GET /probe} lists the payloads the relay delivered as CDI events.
 */
@Path("/probe")
@ApplicationScoped
public class ProbeResource {

    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @Inject
    ProbePublisher publisher;

    @POST
    @Path("/{good}")
    @Produces(MediaType.TEXT_PLAIN)
    public String publish(@PathParam("good") String good) {
        try {
            publisher.publishGoodThenBad(good);
            return "no exception";
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String delivered() {
        return String.join("\n", delivered);
    }

    void onMessage(@Observes OutgoingMessage message) {
        delivered.add(message.payloadAsString());
    }
}
