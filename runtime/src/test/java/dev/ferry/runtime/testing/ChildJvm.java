package dev.ferry.runtime.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a class's {@code main} in a child JVM on this JVM's class path, with its output and errors
 * in a log file: the process the crash tests kill or let end.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * @param jvmOptions options before the class path, e.g. {@code -Xmx256m} or {@code -Dname=value}
     * @param main the class whose {@code main} runs
     * @param log where standard output and errors go
     * @param args the program's arguments
     * @return the started process
     * @throws IOException if it cannot start
     */
    public static Process start(List<String> jvmOptions, Class<?> main, File log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    /**
     * Waits until a child's log holds a line with the marker (such as {@code READY}).
     *
     * @param child the child process
     * @param log its log
     * @param marker the text to wait for
     * @param within how long to wait
     * @throws AssertionError with the log if the child ends first or the time runs out
     * @throws Exception if reading the log fails or the wait is interrupted
     */
    public static void awaitOutput(Process child, File log, String marker, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            text = log.exists() ? Files.readString(log.toPath(), StandardCharsets.UTF_8) : "";
            if (text.contains(marker)) {
                return;
            }
            if (!child.isAlive()) {
                throw new AssertionError("The child JVM ended before it printed " + marker + ":\n" + text);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The child JVM did not print " + marker + " within " + within.toSeconds() + " s:\n"
                + text);
    }
}
