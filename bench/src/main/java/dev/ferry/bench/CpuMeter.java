package dev.ferry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by the PostgreSQL server's processes on this machine, read
 * from {@code /proc}, so that a figure can say where a transaction's cost goes. Reads zero where there
 * is no {@code /proc} or the server runs elsewhere.
 */
final class CpuMeter {

    private static final Path PROC = Path.of("/proc");
    private static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

    /** CPU nanoseconds of this JVM and of PostgreSQL at one moment. */
    record Reading(long jvmNanos, long postgresNanos) {
        /** @return the CPU used between {@code earlier} and this reading */
        Reading minus(Reading earlier) {
            return new Reading(jvmNanos - earlier.jvmNanos, postgresNanos - earlier.postgresNanos);
        }
    }

    private CpuMeter() {
    }

    /** @return the CPU used so far */
    static Reading read() {
        long jvm = ticks(PROC.resolve("self/stat"), null);
        long postgres = 0;
        if (Files.isDirectory(PROC)) {
            try (Stream<Path> processes = Files.list(PROC)) {
                for (Path p : (Iterable<Path>) processes::iterator) {
                    if (Character.isDigit(p.getFileName().toString().charAt(0))) {
                        postgres += ticks(p.resolve("stat"), "postgres");
                    }
                }
            } catch (IOException e) {
                postgres = 0;
            }
        }
        return new Reading(jvm * TICK_NANOS, postgres * TICK_NANOS);
    }

    /** @return utime + stime of the process whose stat file is {@code stat}, if its name is {@code name} */
    private static long ticks(Path stat, String name) {
        try {
            String s = Files.readString(stat);
            int close = s.lastIndexOf(')');
            if (name != null && !s.substring(s.indexOf('(') + 1, close).equals(name)) {
                return 0;
            }
            String[] fields = s.substring(close + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // no /proc, or the process ended
        }
    }
}
