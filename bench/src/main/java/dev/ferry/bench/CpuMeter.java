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
 *
 * <p>A backend that ended between two readings would take its CPU time with it: the server's count
 * therefore also holds the time of the ended processes its postmaster reaped (its children's
 * {@code cutime} and {@code cstime}), so that it only grows.
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
        return new Reading(ticks(PROC.resolve("self/stat"), name -> true, false) * TICK_NANOS,
                cpuNanos(PROC, "postgres"::equals, true));
    }

    /**
     * @param dir a directory of processes or threads ({@code /proc}, {@code /proc/self/task})
     * @param name which of them count, by their name in {@code stat}
     * @return the CPU used so far by those of them that are running now (0 without {@code /proc})
     */
    static long cpuNanos(Path dir, Predicate<String> name) {
        return cpuNanos(dir, name, false);
    }

    /**
     * As {@link #cpuNanos(Path, Predicate)}, with {@code reaped}: also the time of their ended
     * children that they waited for.
     */
    private static long cpuNanos(Path dir, Predicate<String> name, boolean reaped) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (Character.isDigit(p.getFileName().toString().charAt(0))) {
                    ticks += ticks(p.resolve("stat"), name, reaped);
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * TICK_NANOS;
    }

    /**
     * @return utime + stime of the process or thread whose stat file is {@code stat}, if its name
     *     matches; with {@code reaped}, plus cutime + cstime (its ended children it waited for)
     */
    private static long ticks(Path stat, Predicate<String> name, boolean reaped) {
        try {
            String s = Files.readString(stat);
            int close = s.lastIndexOf(')');
            if (!name.test(s.substring(s.indexOf('(') + 1, close))) {
                return 0;
            }
            String[] fields = s.substring(close + 2).split(" ");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return reaped ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
        } catch (IOException | RuntimeException e) {
            return 0; // no /proc, or the process ended
        }
    }
}
