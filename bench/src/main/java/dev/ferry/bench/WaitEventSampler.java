package dev.ferry.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * What a drain's PostgreSQL backends are doing, sampled from {@code pg_stat_activity} every few
 * milliseconds by a thread of its own while the drain runs: the share of samples per wait event
 * ({@code CPU} = active with no wait event; {@code client} = idle or idle in transaction, waiting
 * for the JVM), and, when a backend waits for a heavyweight lock, what it waits for from
 * {@code pg_locks}.
 *
 * <p>A drain's backends are those seen working on its table: once a backend that is not idle has a
 * {@code query} containing the marker (such as {@code bench_relay2.}) it is followed until the end,
 * also while its last statement is a {@code COMMIT}. PostgreSQL only; elsewhere {@link #start}
 * returns a sampler that samples nothing.
 */
final class WaitEventSampler implements AutoCloseable {

    private static final String ACTIVITY = "SELECT pid, state, wait_event_type, wait_event, strpos(query, ?) > 0"
            + " FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
            + " AND datname = current_database()";
    private static final String LOCKS = "SELECT l.locktype, l.mode, coalesce(l.relation::regclass::text, '')"
            + " FROM pg_locks l WHERE l.pid = ? AND NOT l.granted";

    private final Db db;
    private final String marker;
    private final long periodNanos;
    private final Set<Integer> followed = new HashSet<>();
    /** Each followed backend's CPU time when it was first seen, from /proc (0 where there is none). */
    private final Map<Integer, Long> cpuAtFirstSight = new HashMap<>();
    private long backendCpuNanos;
    private final Map<String, Integer> events = new HashMap<>();
    private final Map<String, Integer> lockWaits = new HashMap<>();
    private final Thread thread;
    private volatile boolean stopping;
    private int samples;
    private int observations;
    private SQLException failure;
    private long startedAt;
    private long endedAt;

    private WaitEventSampler(Db db, String marker, int periodMillis) {
        this.db = db;
        this.marker = marker;
        this.periodNanos = periodMillis * 1_000_000L;
        this.thread = periodMillis <= 0 || db.options().database() != BenchDatabase.POSTGRESQL ? null
                : new Thread(this::run, "wait-event-sampler");
    }

    /**
     * @param db the database
     * @param marker text in every statement of the drain, such as {@code "bench_raw2."}
     * @return a started sampler, sampling every {@code bench.waitSampleMillis} ms (none when 0)
     */
    static WaitEventSampler start(Db db, String marker) {
        WaitEventSampler s = new WaitEventSampler(db, marker, db.options().waitSampleMillis());
        if (s.thread != null) {
            s.thread.setDaemon(true);
            s.thread.start();
        }
        return s;
    }

    /**
     * Stops sampling.
     *
     * @param messages the messages the drain moved, for the backends' CPU per message
     * @return the breakdown, one line, or null when nothing was sampled
     */
    String stop(long messages) throws InterruptedException {
        return stop(messages, "msg");
    }

    /**
     * Stops sampling.
     *
     * @param units what the sampled work did (messages, transactions), for the backends' CPU per unit
     * @param unit its name in the breakdown ({@code msg}, {@code tx})
     * @return the breakdown, one line, or null when nothing was sampled
     */
    String stop(long units, String unit) throws InterruptedException {
        if (thread == null) {
            return null;
        }
        stopping = true;
        thread.join();
        if (failure != null) {
            return "wait-event sampling failed: " + failure;
        }
        return summary() + (backendCpuNanos == 0 ? "" : String.format(Locale.ROOT,
                "; these backends' CPU (/proc, from first sight): %.1f µs/%s", backendCpuNanos / 1e3 / units, unit));
    }

    /** Stops sampling, if {@link #stop()} did not. */
    @Override
    public void close() {
        if (thread != null && !stopping) {
            stopping = true;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try (Connection c = db.connect(); PreparedStatement activity = c.prepareStatement(ACTIVITY);
             PreparedStatement locks = c.prepareStatement(LOCKS)) {
            activity.setString(1, marker);
            startedAt = System.nanoTime();
            long next = startedAt;
            while (!stopping) {
                sample(activity, locks);
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    next = System.nanoTime(); // behind: no burst to catch up
                }
            }
            endedAt = System.nanoTime();
            for (Map.Entry<Integer, Long> e : cpuAtFirstSight.entrySet()) {
                backendCpuNanos += Math.max(0, backendCpu(e.getKey()) - e.getValue());
            }
        } catch (SQLException e) {
            failure = e;
        }
    }

    private void sample(PreparedStatement activity, PreparedStatement locks) throws SQLException {
        List<Integer> waitingForLocks = new ArrayList<>();
        boolean any = false;
        try (ResultSet rs = activity.executeQuery()) {
            while (rs.next()) {
                int pid = rs.getInt(1);
                if (rs.getBoolean(5) && !"idle".equals(rs.getString(2)) && followed.add(pid)) {
                    // working on the drain's table now, not left idle by its loading
                    cpuAtFirstSight.put(pid, backendCpu(pid));
                }
                if (!followed.contains(pid)) {
                    continue;
                }
                any = true;
                String event = classify(rs.getString(2), rs.getString(3), rs.getString(4));
                events.merge(event, 1, Integer::sum);
                observations++;
                if ("Lock".equals(rs.getString(3))) {
                    waitingForLocks.add(pid);
                }
            }
        }
        if (any) {
            samples++;
        }
        for (int pid : waitingForLocks) {
            locks.setInt(1, pid);
            try (ResultSet rs = locks.executeQuery()) {
                while (rs.next()) {
                    String what = rs.getString(1) + " " + rs.getString(2)
                            + (rs.getString(3).isEmpty() ? "" : " on " + rs.getString(3));
                    lockWaits.merge(what, 1, Integer::sum);
                }
            }
        }
    }

    /** @return the CPU time a backend of a server on this machine used so far, 0 when it cannot be read */
    private static long backendCpu(int pid) {
        return CpuMeter.cpuNanos(Path.of("/proc", Integer.toString(pid), "task"), name -> true);
    }

    /** @return {@code CPU}, {@code type:event}, or the client's turn for an idle backend */
    static String classify(String state, String waitType, String waitEvent) {
        if (state == null) {
            return "gone";
        }
        return switch (state) {
            case "active" -> waitType == null ? "CPU" : waitType + ":" + waitEvent;
            case "idle" -> "client (idle)";
            case "idle in transaction" -> "client (idle in tx)";
            default -> state;
        };
    }

    private String summary() {
        if (observations == 0) {
            return "no backend of the drain seen";
        }
        double seconds = (endedAt - startedAt) / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d backends, %,d samples (%.0f/s):", followed.size(), samples,
                samples / Math.max(seconds, 1e-9)));
        events.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).forEach(e -> sb.append(
                String.format(Locale.ROOT, " %s %.1f%%,", e.getKey(), 100.0 * e.getValue() / observations)));
        sb.setLength(sb.length() - 1);
        sb.append("; lock waits (pg_locks): ");
        if (lockWaits.isEmpty()) {
            sb.append("none");
        } else {
            lockWaits.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                    .forEach(e -> sb.append(e.getKey()).append(" ×").append(e.getValue()).append(", "));
            sb.setLength(sb.length() - 2);
        }
        return sb.toString();
    }
}
