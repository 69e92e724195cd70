package dev.ferry.sample.it.matrix.publishers;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /messages?topic=t&from=0&count=10}: the ids written, one a line. */
@Path("messages")
@RequestScoped
public class PublishResource {

    @Inject
    PublishService service;

    /**
     * @param topic the Ferry topic
     * @param from the first message's number
     * @param count how many, in one transaction
     * @return the ids, one a line
     */
    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String write(@QueryParam("topic") String topic, @QueryParam("from") int from,
                        @QueryParam("count") int count) {
        return String.join("\n", service.write(topic, from, count));
    }
}
