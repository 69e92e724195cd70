package dev.ferry.console.outbox;

import dev.ferry.console.Engines;
import dev.ferry.console.http.JsonBodies;
import dev.ferry.console.security.ConsoleRoles;
import dev.ferry.console.security.ConsoleSecured;
import dev.ferry.console.security.Operator;
import dev.ferry.outbox.DeadMessage;
import dev.ferry.outbox.DeadMessagePage;
import dev.ferry.outbox.OutboxAdmin;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;

/**
 * {@code /ferry/api/dead-messages}: dead messages by topic and key, a page at a time; replay or
 * discard one, replay every dead message of a topic. Each action is audited with the caller as actor.
 */
@Path("api/dead-messages")
@RequestScoped
@ConsoleSecured
@Produces(MediaType.APPLICATION_JSON)
public class DeadMessageResource {

    private static final int MAX_TEXT = 255;

    @Inject
    Engines engines;

    @Context
    SecurityContext security;

    /**
     * @param topic only this topic
     * @param key only this key
     * @param limit page size, 1 to 200 (default 50)
     * @param cursor the next page's cursor
     * @return {@code {"items": [...], "nextCursor": ...}}
     */
    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    public String list(@QueryParam("topic") String topic, @QueryParam("key") String key,
                       @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = limit == null || limit.isBlank() ? 50 : parseLimit(limit);
        DeadMessagePage page = engines.outbox().admin().deadMessages(size, blankToNull(cursor),
                optional("topic", topic), optional("key", key));
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (DeadMessage m : page.items()) {
            items.add(DeadMessageJson.of(m));
        }
        var o = Json.createObjectBuilder().add("items", items);
        if (page.nextCursor().isPresent()) {
            o.add("nextCursor", page.nextCursor().get());
        } else {
            o.addNull("nextCursor");
        }
        return o.build().toString();
    }

    /**
     * @param id the message id
     * @param body {@code {"reason": "..."}}
     * @return {@code {"replayed": true|false}}: false when no dead message has the id
     */
    @POST
    @Path("{id}/replay")
    @RolesAllowed(ConsoleRoles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public String replay(@PathParam("id") String id, String body) {
        String reason = JsonBodies.reason(JsonBodies.object(body));
        boolean done = admin().replay(messageId(id), reason);
        if (!done) {
            throw new NotFoundException("No dead message " + id + " (replayed or discarded already?)");
        }
        return Json.createObjectBuilder().add("replayed", true).build().toString();
    }

    /**
     * @param id the message id
     * @param body {@code {"reason": "..."}}
     * @return {@code {"discarded": true}}
     */
    @POST
    @Path("{id}/discard")
    @RolesAllowed(ConsoleRoles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public String discard(@PathParam("id") String id, String body) {
        String reason = JsonBodies.reason(JsonBodies.object(body));
        if (!admin().discard(messageId(id), reason)) {
            throw new NotFoundException("No dead message " + id + " (replayed or discarded already?)");
        }
        return Json.createObjectBuilder().add("discarded", true).build().toString();
    }

    /**
     * @param body {@code {"topic": "...", "reason": "..."}}
     * @return {@code {"replayed": n}}
     */
    @POST
    @Path("replay-topic")
    @RolesAllowed(ConsoleRoles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public String replayTopic(String body) {
        JsonObject request = JsonBodies.object(body);
        String reason = JsonBodies.reason(request);
        String topic = optional("topic", JsonBodies.optionalString(request, "topic"));
        if (topic == null) {
            throw new IllegalArgumentException("topic is required");
        }
        return Json.createObjectBuilder().add("replayed", admin().replayTopic(topic, reason)).build().toString();
    }

    private OutboxAdmin admin() {
        return engines.outboxAdmin(Operator.name(security));
    }

    private static UUID messageId(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            if (uuid.toString().equalsIgnoreCase(id)) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new IllegalArgumentException("'" + id + "' is not a message id (a UUID)");
    }

    private static int parseLimit(String limit) {
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= 200) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("limit must be a whole number from 1 to 200, was '" + limit + "'");
    }

    private static String optional(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
