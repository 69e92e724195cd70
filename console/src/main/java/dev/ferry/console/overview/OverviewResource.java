package dev.ferry.console.overview;

import dev.ferry.console.Engines;
import dev.ferry.console.security.ConsoleRoles;
import dev.ferry.console.security.ConsoleSecured;
import dev.ferry.outbox.admin.OutboxStatistics;
import dev.ferry.outbox.admin.TopicFigures;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.engine.SagaEngine;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /ferry/api/overview}: per topic of the outbox table its pending count, oldest pending age and
 * dead count; sagas by status and by name; and {@code /activity}, the last hour per minute: messages
 * published, sagas finished, sagas failed, from the tables' own timestamps.
 */
@Path("api/overview")
@RequestScoped
@ConsoleSecured
@Produces(MediaType.APPLICATION_JSON)
public class OverviewResource {

    /** Sagas that failed: compensated after a failure, parked compensations, suspended steps. */
    static final Set<SagaStatus> FAILED = Set.of(SagaStatus.COMPENSATED, SagaStatus.PARKED, SagaStatus.SUSPENDED);

    @Inject
    Engines engines;

    /**
     * @return {@code {"outboxTable", "outboxEnabled", "topics": [...], "sagasByStatus": {...},
     *     "sagasByName": {...}}}
     */
    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    public String overview() {
        Optional<OutboxStatistics> outbox = engines.outboxEngine().map(OutboxEngine::statistics);
        JsonArrayBuilder topics = Json.createArrayBuilder();
        for (TopicFigures t : outbox.map(OutboxStatistics::topics).orElse(List.of())) {
            JsonObjectBuilder o = Json.createObjectBuilder().add("topic", t.topic()).add("pending", t.pending())
                    .add("oldestPendingSeconds", t.oldestPendingAge().toSeconds()).add("dead", t.dead());
            if (t.oldestPendingAt() == null) {
                o.addNull("oldestPendingAt");
            } else {
                o.add("oldestPendingAt", t.oldestPendingAt().toString());
            }
            topics.add(o);
        }
        JsonObjectBuilder result = Json.createObjectBuilder()
                .add("outboxTable", outbox.map(o -> o.table().toString()).orElse(""))
                .add("outboxEnabled", outbox.isPresent()).add("topics", topics);
        Optional<SagaEngine> sagas = engines.sagaEngine();
        Map<SagaStatus, Long> byStatus = new EnumMap<>(SagaStatus.class);
        JsonObjectBuilder byName = Json.createObjectBuilder();
        if (sagas.isPresent()) {
            sagas.get().statistics().countsByNameAndStatus().forEach((name, counts) -> {
                JsonObjectBuilder n = Json.createObjectBuilder();
                counts.forEach((status, count) -> {
                    n.add(status.name(), count);
                    byStatus.merge(status, count, Long::sum);
                });
                byName.add(name, n);
            });
        }
        JsonObjectBuilder statuses = Json.createObjectBuilder();
        for (SagaStatus s : SagaStatus.values()) {
            statuses.add(s.name(), byStatus.getOrDefault(s, 0L));
        }
        return result.add("sagasEnabled", sagas.isPresent()).add("sagasByStatus", statuses)
                .add("sagasByName", byName).build().toString();
    }

    /**
     * @param minutes how many minutes back, 5 to 1440 (default 60)
     * @return {@code {"from", "minutes", "published": [...], "finished": [...], "failed": [...]}}, one
     *     count per minute, oldest first; the current minute is the last
     */
    @GET
    @Path("activity")
    @RolesAllowed(ConsoleRoles.VIEWER)
    public String activity(@QueryParam("minutes") String minutes) {
        int n = minutes(minutes);
        Instant from = Clock.systemUTC().instant().truncatedTo(ChronoUnit.MINUTES).minus(n - 1L, ChronoUnit.MINUTES);
        long[] published = engines.outboxEngine().map(e -> e.statistics().publishedPerMinute(from, n))
                .orElse(new long[n]);
        Optional<SagaEngine> sagas = engines.sagaEngine();
        long[] finished = sagas.map(e -> e.statistics().perMinute(Set.of(SagaStatus.COMPLETED), from, n))
                .orElse(new long[n]);
        long[] failed = sagas.map(e -> e.statistics().perMinute(FAILED, from, n)).orElse(new long[n]);
        return Json.createObjectBuilder().add("from", from.toString()).add("minutes", n)
                .add("published", array(published)).add("finished", array(finished)).add("failed", array(failed))
                .build().toString();
    }

    private static int minutes(String text) {
        if (text == null || text.isBlank()) {
            return 60;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 5 && n <= 1440) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("minutes must be a whole number from 5 to 1440, was '" + text + "'");
    }

    private static JsonArrayBuilder array(long[] values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (long v : values) {
            a.add(v);
        }
        return a;
    }
}
