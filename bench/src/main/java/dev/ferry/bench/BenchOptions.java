package dev.ferry.bench;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark's settings, read once from system properties ({@code -Dbench.*}) and validated.
 *
 * @param jdbcUrl the PostgreSQL or MariaDB database ({@code bench.jdbcUrl}, see {@link BenchDatabase})
 * @param user its user ({@code bench.user})
 * @param password its password, may be null ({@code bench.password})
 * @param messages backlog of the relay and memory figures, split over the tracing figure's rounds
 *     ({@code bench.messages}, 1,000,000)
 * @param keys ordering keys the backlog is spread over ({@code bench.keys}, 10,000)
 * @param payloadBytes approximate payload size ({@code bench.payloadBytes}, 200)
 * @param relayBatch Ferry's relay batch size in the throughput figures ({@code bench.relayBatch})
 * @param peerMessages backlog of the peer comparison ({@code bench.peerMessages})
 * @param latencySeconds measured seconds per latency rate and per variant of the cross-node figure, split over
 *     the tracing figure's rounds ({@code bench.latencySeconds})
 * @param writeSeconds measured seconds per write variant ({@code bench.writeSeconds})
 * @param sagas sagas per saga figure ({@code bench.sagas})
 * @param memoryHeap the relay child JVM's -Xmx ({@code bench.memoryHeap})
 * @param only the scenarios to run ({@code bench.only}: relay, latency, write, saga, peers, memory, tracing,
 *     crossnode)
 * @param out where the markdown table is written, or null for stdout only ({@code bench.out})
 * @param xa whether the JTA pool is XA ({@code bench.xa}, true) or plain connections enlisted as
 *     Narayana's local resource (false)
 * @param cluster where the figures run ({@code bench.cluster}): {@code machine}, the server at
 *     {@code bench.jdbcUrl}, or {@code own}, a server the bench starts for the run with logical
 *     decoding on ({@link OwnCluster}), which Debezium needs
 * @param waitSampleMillis how often figure 1's drains sample their backends' wait events
 *     ({@code bench.waitSampleMillis}, 5; 0 for not at all; see {@link WaitEventSampler})
 * @param writeRelayPauseMillis figure 3's relay {@code smallBatchPause} in milliseconds
 *     ({@code bench.writeRelayPauseMillis}, 2: Ferry's default)
 */
record BenchOptions(String jdbcUrl, String user, String password, int messages, int keys, int payloadBytes,
                    int relayBatch, int peerMessages, int latencySeconds, int writeSeconds, int sagas,
                    String memoryHeap, Set<String> only, String out, boolean xa, String cluster,
                    int waitSampleMillis, int writeRelayPauseMillis) {

    static final Set<String> CLUSTERS = Set.of("machine", "own");

    static final Set<String> SCENARIOS = Set.of("relay", "latency", "write", "saga", "peers", "memory",
            "tracing", "crossnode");

    static BenchOptions fromSystemProperties() {
        String only = System.getProperty("bench.only",
                "relay,latency,write,saga,peers,memory,tracing,crossnode");
        Set<String> selected = new LinkedHashSet<>();
        for (String s : only.split(",")) {
            String name = s.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!SCENARIOS.contains(name)) {
                throw new IllegalArgumentException("bench.only: unknown scenario '" + name + "'; known: "
                        + Arrays.toString(SCENARIOS.toArray()));
            }
            selected.add(name);
        }
        BenchOptions o = new BenchOptions(
                System.getProperty("bench.jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                System.getProperty("bench.user", "postgres"),
                System.getProperty("bench.password"),
                positive("bench.messages", 1_000_000),
                positive("bench.keys", 10_000),
                positive("bench.payloadBytes", 200),
                positive("bench.relayBatch", 500),
                positive("bench.peerMessages", 100_000),
                positive("bench.latencySeconds", 15),
                positive("bench.writeSeconds", 12),
                positive("bench.sagas", 3_000),
                System.getProperty("bench.memoryHeap", "256m"),
                selected,
                System.getProperty("bench.out"),
                bool("bench.xa", true),
                System.getProperty("bench.cluster", "machine").trim().toLowerCase(Locale.ROOT),
                nonNegative("bench.waitSampleMillis", 5),
                nonNegative("bench.writeRelayPauseMillis", 2));
        o.database().requireScenarios(o.only);
        if (o.relayBatch > 1000) {
            throw new IllegalArgumentException("bench.relayBatch must be at most 1000 (Ferry's limit), was "
                    + o.relayBatch);
        }
        if (!CLUSTERS.contains(o.cluster)) {
            throw new IllegalArgumentException("bench.cluster must be machine or own, was '" + o.cluster + "'");
        }
        if ("own".equals(o.cluster) && !o.jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("bench.cluster=own starts a PostgreSQL server; it cannot be used with"
                    + " bench.jdbcUrl " + o.jdbcUrl);
        }
        return o;
    }

    /** @return these options on another database, as {@code user} without a password (the bench's own cluster) */
    BenchOptions onDatabase(String url, String user) {
        return new BenchOptions(url, user, null, messages, keys, payloadBytes, relayBatch, peerMessages,
                latencySeconds, writeSeconds, sagas, memoryHeap, only, out, xa, cluster, waitSampleMillis,
                writeRelayPauseMillis);
    }

    /** @return the database {@link #jdbcUrl} names: PostgreSQL, or MariaDB for figures 1, 2 and 4 */
    BenchDatabase database() {
        return BenchDatabase.of(jdbcUrl);
    }

    boolean runs(String scenario) {
        return only.contains(scenario);
    }

    private static boolean bool(String name, boolean dflt) {
        String text = System.getProperty(name);
        if (text == null || text.isBlank()) {
            return dflt;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was '" + text + "'");
        };
    }

    private static int positive(String name, int dflt) {
        int value = nonNegative(name, dflt);
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }

    private static int nonNegative(String name, int dflt) {
        String text = System.getProperty(name);
        if (text == null || text.isBlank()) {
            return dflt;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'", e);
        }
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }
}
