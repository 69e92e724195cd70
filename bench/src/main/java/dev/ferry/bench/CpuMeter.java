package dev.ferry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
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
        return new Reading(ownTicks() * TICK_NANOS,
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
        return cpuNanosByKind(dir, 1, n -> name.test(n) ? 0 : -1, reaped)[0];
    }

    /**
     * The CPU of several kinds of processes or threads, read in one pass over {@code dir}.
     *
     * @param dir a directory of processes or threads ({@code /proc}, {@code /proc/self/task})
     * @param kinds how many kinds there are
     * @param kindOf the kind of a process or thread by its name in {@code stat} (at most 15
     *     characters), from 0 to {@code kinds - 1}, or -1 for none
     * @return the CPU used so far by those of each kind that are running now (0 without {@code /proc})
     */
    static long[] cpuNanosByKind(Path dir, int kinds, ToIntFunction<String> kindOf) {
        return cpuNanosByKind(dir, kinds, kindOf, false);
    }

    private static long[] cpuNanosByKind(Path dir, int kinds, ToIntFunction<String> kindOf, boolean reaped) {
        long[] nanos = new long[kinds];
        if (!Files.isDirectory(dir)) {
            return nanos;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (Character.isDigit(p.getFileName().toString().charAt(0))) {
                    addTicks(p.resolve("stat"), kindOf, reaped, nanos);
                }
            }
        } catch (IOException e) {
            return new long[kinds];
        }
        for (int i = 0; i < kinds; i++) {
            nanos[i] *= TICK_NANOS;
        }
        return nanos;
    }

    /** Adds the ticks of the process or thread whose stat file is {@code stat} to its kind's, if it has one. */
    private static void addTicks(Path stat, ToIntFunction<String> kindOf, boolean reaped, long[] ticks) {
        try {
            String s = Files.readString(stat);
            int kind = kindOf.applyAsInt(s.substring(s.indexOf('(') + 1, s.lastIndexOf(')')));
            if (kind >= 0) {
                ticks[kind] += ticks(s, reaped);
            }
        } catch (IOException | RuntimeException e) {
            // the process or thread ended
        }
    }

    /** @return utime + stime of this JVM, read from {@code /proc/self/stat} (0 without it) */
    private static long ownTicks() {
        try {
            return ticks(Files.readString(PROC.resolve("self/stat")), false);
        } catch (IOException | RuntimeException e) {
            return 0; // no /proc
        }
    }

    /**
     * @param stat the text of a {@code stat} file
     * @return utime + stime of its process or thread; with {@code reaped}, plus cutime + cstime (its
     *     ended children it waited for)
     */
    private static long ticks(String stat, boolean reaped) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return reaped ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
    }
}
