package dev.ferry.console.sagas;

import dev.ferry.saga.SagaQuery;
import dev.ferry.saga.SagaStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The saga list's query parameters as a {@link SagaQuery}, each checked with a message that names the
 * parameter: {@code status} (comma-separated), {@code name}, {@code from} and {@code to} (ISO-8601
 * instants, on the start time), {@code stuck} (minutes without progress), {@code limit} (1 to 200) and
 * {@code cursor}.
 */
public final class SagaFilter {

    /** The largest page the console asks for. */
    static final int MAX_LIMIT = 200;
    private static final int MAX_TEXT = 200;

    private SagaFilter() {
    }

    /**
     * @param status comma-separated statuses, or null
     * @param name a saga name, or null
     * @param from started at or after, or null
     * @param to started before, or null
     * @param stuckMinutes RUNNING or COMPENSATING without change for at least this many minutes, or null
     * @param limit the page size, or null for 50
     * @param cursor the next page's cursor, or null
     * @return the query
     * @throws IllegalArgumentException naming the parameter that is wrong
     */
    public static SagaQuery query(String status, String name, String from, String to, String stuckMinutes,
                                  String limit, String cursor) {
        SagaQuery query = SagaQuery.all().withLimit(integer("limit", limit, 50, 1, MAX_LIMIT));
        if (!blank(status)) {
            List<SagaStatus> statuses = new ArrayList<>();
            for (String s : status.split(",")) {
                if (!s.isBlank()) {
                    try {
                        statuses.add(SagaStatus.valueOf(s.strip().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("status " + s.strip() + " is none of "
                                + List.of(SagaStatus.values()), e);
                    }
                }
            }
            query = query.withStatuses(statuses.toArray(SagaStatus[]::new));
        }
        if (!blank(name)) {
            query = query.withName(text("name", name));
        }
        if (!blank(from) || !blank(to)) {
            query = query.createdBetween(instant("from", from), instant("to", to));
        }
        if (!blank(stuckMinutes)) {
            query = query.stuck(Duration.ofMinutes(integer("stuck", stuckMinutes, 0, 1, 525_600)));
        }
        if (!blank(cursor)) {
            query = query.after(text("cursor", cursor));
        }
        return query;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String text(String parameter, String value) {
        String v = value.strip();
        if (v.length() > MAX_TEXT) {
            throw new IllegalArgumentException(parameter + " must be at most " + MAX_TEXT + " characters");
        }
        return v;
    }

    private static Instant instant(String parameter, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(parameter + " must be an ISO-8601 instant such as"
                    + " 2025-01-31T08:00:00Z, was '" + value + "'", e);
        }
    }

    static int integer(String parameter, String value, int fallback, int min, int max) {
        if (blank(value)) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new IllegalArgumentException(parameter + " must be " + min + " to " + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(parameter + " must be a whole number, was '" + value + "'", e);
        }
    }
}
