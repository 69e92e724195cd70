package dev.ferry.bench;

import dev.ferry.runtime.se.JavaSeEnvironment;
import java.util.Locale;

/**
 * Figure 1: Ferry's relay draining a backlog (in-process no-op publisher) with 1 and 2 relay
 * threads, against plain JDBC draining the same table definition on 1 and 2 connections.
 */
final class RelayThroughput {

    private final Db db;
    private final Drains drains;

    RelayThroughput(Db db, JavaSeEnvironment env) {
        this.db = db;
        this.drains = new Drains(db, env);
    }

    void run(ResultTable table) throws Exception {
        BenchOptions o = db.options();
        int n = o.messages();
        double[] raw = new double[3];
        double[] ferry = new double[3];
        for (int threads = 1; threads <= 2; threads++) {
            raw[threads] = drains.raw("bench_raw" + threads, n, threads);
            System.out.printf(Locale.ROOT, "  raw drain, %d connection(s): %,.0f rows/s%n", threads, raw[threads]);
            ferry[threads] = drains.ferry("bench_relay" + threads, n, threads, o.relayBatch());
            System.out.printf(Locale.ROOT, "  Ferry relay, %d thread(s): %,.0f msg/s%n", threads, ferry[threads]);
        }
        String backlog = String.format(Locale.ROOT, "%,d msgs, %,d keys", n, o.keys());
        for (int threads = 1; threads <= 2; threads++) {
            table.add(Figure.reference("1. raw JDBC drain, " + threads + " conn (" + backlog + ")",
                    Figure.perSecond(raw[threads])));
            table.add(Figure.ratio("1. Ferry relay, " + threads + " thread" + (threads > 1 ? "s" : "") + ", batch "
                            + o.relayBatch(), Figure.perSecond(ferry[threads]), ferry[threads] / raw[threads], 0.5,
                    "≥ 0.50 of raw, " + threads + " conn"));
        }
    }
}
