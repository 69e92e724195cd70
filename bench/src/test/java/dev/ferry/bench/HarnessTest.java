package dev.ferry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The harness's pure logic: options, payloads and the result table (no database). */
class HarnessTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("bench.only");
        System.clearProperty("bench.messages");
        System.clearProperty("bench.relayBatch");
        System.clearProperty("bench.jdbcUrl");
        System.clearProperty("bench.cluster");
    }

    @Test
    void optionsHaveTheIssuesDefaultsAndAreValidated() {
        BenchOptions o = BenchOptions.fromSystemProperties();
        assertEquals(1_000_000, o.messages());
        assertEquals(10_000, o.keys());
        assertEquals(BenchOptions.SCENARIOS, o.only());
        assertNull(o.out());

        System.setProperty("bench.only", "relay, Latency");
        System.setProperty("bench.messages", "100_000");
        o = BenchOptions.fromSystemProperties();
        assertEquals(Set.of("relay", "latency"), o.only());
        assertEquals(100_000, o.messages());
        assertTrue(o.runs("relay"));
        assertFalse(o.runs("saga"));

        System.setProperty("bench.only", "tracing");
        assertEquals(Set.of("tracing"), BenchOptions.fromSystemProperties().only());

        System.setProperty("bench.only", "relay,nonsense");
        assertThrows(IllegalArgumentException.class, BenchOptions::fromSystemProperties);
        System.setProperty("bench.only", "relay");
        System.setProperty("bench.relayBatch", "1001");
        assertThrows(IllegalArgumentException.class, BenchOptions::fromSystemProperties);
        System.setProperty("bench.relayBatch", "0");
        assertThrows(IllegalArgumentException.class, BenchOptions::fromSystemProperties);
        System.clearProperty("bench.relayBatch");
        System.setProperty("bench.jdbcUrl", "jdbc:h2:mem:x");
        assertThrows(IllegalArgumentException.class, BenchOptions::fromSystemProperties);
        System.setProperty("bench.jdbcUrl", "jdbc:mariadb://127.0.0.1/x");
        System.setProperty("bench.only", "relay,latency,saga");
        assertEquals(BenchDatabase.MARIADB, BenchOptions.fromSystemProperties().database());
        System.setProperty("bench.only", "relay,write");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, BenchOptions::fromSystemProperties);
        assertTrue(e.getMessage().contains("latency,relay,saga"), e.getMessage());
    }

    @Test
    void clusterIsTheMachinesUnlessOwnIsAskedAndOwnMovesEveryFigureToIt() {
        assertEquals("machine", BenchOptions.fromSystemProperties().cluster());
        System.setProperty("bench.cluster", " Own");
        BenchOptions own = BenchOptions.fromSystemProperties();
        assertEquals("own", own.cluster());
        BenchOptions moved = own.onDatabase("jdbc:postgresql://127.0.0.1:55433/postgres", "postgres");
        assertEquals("jdbc:postgresql://127.0.0.1:55433/postgres", moved.jdbcUrl());
        assertEquals("postgres", moved.user());
        assertNull(moved.password());
        assertEquals(own.messages(), moved.messages());
        assertEquals(own.only(), moved.only());
        System.setProperty("bench.cluster", "docker");
        assertThrows(IllegalArgumentException.class, BenchOptions::fromSystemProperties);
    }

    @Test
    void payloadIsJsonOfAboutTheAskedSize() throws Exception {
        for (long g : new long[] {0, 42, 9_999_999_999L}) {
            String p = Db.payload(g, 200);
            new ObjectMapper().readTree(p); // well-formed, as Ferry's jsonPayload requires
            assertTrue(Math.abs(p.length() - 200) <= 10, p.length() + ": " + p);
        }
        // The SQL twin builds the same text shape: same fixed parts and the same padding.
        String sql = Db.payloadSql("g", 200);
        assertTrue(sql.contains("x".repeat(120)) && !sql.contains("x".repeat(121)), sql);
        assertTrue(Db.payload(1, 200).contains("\"note\":\"" + "x".repeat(120) + "\""));
    }

    @Test
    void tableShowsRatiosTargetsAndMisses() {
        ResultTable t = new ResultTable();
        t.add(Figure.reference("raw", Figure.perSecond(100_000)));
        t.add(Figure.ratio("ferry", Figure.perSecond(40_000), 0.4, 0.5, "≥ 0.50 of raw"));
        t.add(Figure.ratio("peer", Figure.perSecond(1_000), 40.0, 1.0, "ahead"));
        String md = t.markdown();
        assertTrue(md.startsWith("| figure | value | ratio | target | met? |\n|---|---:|---:|---|---|\n"), md);
        assertTrue(md.contains("| raw | 100,000 /s |  |  |  |"), md);
        assertTrue(md.contains("| ferry | 40,000 /s | 0.40 | ≥ 0.50 of raw | **NO** |"), md);
        assertTrue(md.contains("| peer | 1,000 /s | 40.00 | ahead | yes |"), md);
        assertTrue(Figure.ratioAtMost("p99", Figure.millis(5.4), 1.08, 1.10, "≤ 1.10 × off").met());
        assertFalse(Figure.ratioAtMost("p99", Figure.millis(5.6), 1.12, 1.10, "≤ 1.10 × off").met());
        String[] lines = t.text().split("\n");
        assertEquals(5, lines.length);
        assertEquals(lines[0].length(), lines[1].length());
        assertEquals("5.00 ms", Figure.millis(5));
        assertEquals("12.5 ms", Figure.millis(12.5));
        assertEquals("1.5 MiB", Figure.mib(1.5 * 1024 * 1024));
    }
}
