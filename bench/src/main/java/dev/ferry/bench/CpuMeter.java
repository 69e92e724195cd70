package dev.ferry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by the PostgreSQL server's processes on this machine, read
 * from {@code /proc}, so that a figure can say where a transaction's cost goes. Reads zero where there
 * is no {@code /proc} or the server runs elsewhere.
 */
final class CpuMeter {

    private static final Path PROC = Path.of("/proc");
    private static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

    /** CPU nanoseconds of this JVM and of PostgreSQL at one moment, or used over a time. */
    record Reading(long jvmNanos, long postgresNanos) {
        /** No CPU. */
        static final Reading ZERO = new Reading(0, 0);

        /** @return the CPU used between {@code earlier} and this reading */
        Reading minus(Reading earlier) {
            return new Reading(jvmNanos - earlier.jvmNanos, postgresNanos - earlier.postgresNanos);
        }

        /** @return the sum of this reading and {@code other} */
        Reading plus(Reading other) {
            return new Reading(jvmNanos + other.jvmNanos, postgresNanos + other.postgresNanos);
        }
    }

    private CpuMeter() {
    }

    /** @return the CPU used so far */
    static Reading read() {
        return new Reading(ticks(PROC.resolve("self/stat"), name -> true) * TICK_NANOS,
                cpuNanos(PROC, "postgres"::equals));
    }

    /**
     * @param dir a directory of processes or threads ({@code /proc}, {@code /proc/self/task})
     * @param name which of them count, by their name in {@code stat}
     * @return the CPU used so far by those of them that are running now (0 without {@code /proc})
     */
    static long cpuNanos(Path dir, Predicate<String> name) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (Character.isDigit(p.getFileName().toString().charAt(0))) {
                    ticks += ticks(p.resolve("stat"), name);
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * TICK_NANOS;
    }

    /** @return utime + stime of the process or thread whose stat file is {@code stat}, if its name matches */
    private static long ticks(Path stat, Predicate<String> name) {
        try {
            String s = Files.readString(stat);
            int close = s.lastIndexOf(')');
            if (!name.test(s.substring(s.indexOf('(') + 1, close))) {
                return 0;
            }
            String[] fields = s.substring(close + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // no /proc, or the process ended
        }
    }
}
