package dev.ferry.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Repeats a warm-up round until the JIT compiler has settled, so that a figure is taken in steady
 * state: on two cores the compiler threads, still busy with the code under test, take a large share
 * of the machine from it (half a core for the first half-minute of the write figure), and take more
 * from the variant with more new code. The compiler's CPU time is read from {@code /proc} (its
 * threads are not Java threads); without {@code /proc} one round is run.
 */
final class Warmup {

    /** A round counts as settled when the compiler threads used less than this share of one core. */
    static final double QUIET_SHARE = 0.05;
    static final int MAX_ROUNDS = 40;

    private static final Path TASKS = Path.of("/proc/self/task");

    /** One warm-up round. */
    @FunctionalInterface
    interface Round {
        /** @throws Exception when the round fails (the benchmark fails) */
        void run() throws Exception;
    }

    private Warmup() {
    }

    /**
     * Runs {@code round} at least once, then until a round passes with the compiler nearly idle or
     * {@link #MAX_ROUNDS} have run.
     *
     * @param what what is warmed up, for the printed line
     * @param round the warm-up round
     * @throws Exception from a round
     */
    static void untilCompilerSettles(String what, Round round) throws Exception {
        untilCompilerSettles(what, MAX_ROUNDS, round);
    }

    /**
     * As {@link #untilCompilerSettles(String, Round)}, with at most {@code maxRounds} rounds, for
     * rounds long enough that {@link #MAX_ROUNDS} of them would take minutes.
     */
    static void untilCompilerSettles(String what, int maxRounds, Round round) throws Exception {
        untilCompilerSettles(what, 1, maxRounds, round);
    }

    /**
     * As {@link #untilCompilerSettles(String, Round)}, with at least {@code minRounds} rounds: for code
     * that runs a few hundred times a second (a relay's round under a steady stream), which the JIT
     * compiler's second tier takes up only after thousands of calls, once the rest has long settled.
     */
    static void untilCompilerSettles(String what, int minRounds, int maxRounds, Round round) throws Exception {
        long start = System.nanoTime();
        double share = 1;
        int rounds = 0;
        while (rounds < minRounds
                || (Files.isDirectory(TASKS) && rounds < maxRounds && share >= QUIET_SHARE)) {
            long cpu = compilerCpuNanos();
            long t0 = System.nanoTime();
            round.run();
            rounds++;
            share = (compilerCpuNanos() - cpu) / (double) (System.nanoTime() - t0);
        }
        System.out.printf(Locale.ROOT, "  warm-up of %s: %d round(s), %.0f s; compiler used %.0f %% of a core in the"
                + " last%n", what, rounds, (System.nanoTime() - start) / 1e9, share * 100);
    }

    /** @return CPU time used so far by this JVM's compiler threads (0 without {@code /proc}) */
    static long compilerCpuNanos() {
        return CpuMeter.cpuNanos(TASKS, name -> name.contains("CompilerThre"));
    }
}
