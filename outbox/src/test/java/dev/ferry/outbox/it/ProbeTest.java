package dev.ferry.outbox.it;

import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class ProbeTest {
    @Test
    void probe() throws Exception {
        try (OutboxFixture fx = new OutboxFixture(TestDatabase.valueOf(System.getProperty("db", "POSTGRESQL")), "probe")) {
            OutboxEngine e = fx.engine(fx.settings().batchSize(Integer.getInteger("batch", 100)).build(), new InProcessPublisher(m -> { }));
            int keys = Integer.getInteger("keys", 500);
            for (int tx = 0; tx < 40; tx++) {
                int base = tx * 500;
                fx.inTransaction(() -> {
                    for (int i = base; i < base + 500; i++) {
                        e.outbox().publish("t", "key-" + (i % keys), i);
                    }
                    return null;
                });
            }
            if (System.getProperty("analyze") != null) fx.execute("ANALYZE outbox");
            long t0 = System.nanoTime();
            int batches = 0;
            while (e.relay().relayOnce()) {
                batches++;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("PROBE %d batches, %.2f s, %.0f msg/s%n", batches, s, 20000 / s);
        }
    }
}
