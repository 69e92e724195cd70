package dev.ferry.runtime.testing.fault;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the database servers' own programs for the fault fixtures, and finds them free ports. */
final class Commands {

    private Commands() {
    }

    /** @return whether this JVM runs as root (PostgreSQL refuses to run as root) */
    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Runs a command to its end and fails with its output if it does not succeed.
     *
     * @param log where its output goes (appended)
     * @param command the command
     */
    static void run(File log, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Timed out after 120 s: " + command + "\n" + tail(log));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("Exit " + p.exitValue() + ": " + command + "\n" + tail(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + command, e);
        }
    }

    /** @return the last lines of a log, for failure messages */
    static String tail(File log) {
        try {
            List<String> lines = Files.readAllLines(log.toPath(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log " + log + ": " + e + ")";
        }
    }

    /** @return the first port from {@code from} on that nothing listens on and that can be bound */
    static int freePort(int from) {
        for (int port = from; port < from + 200; port++) {
            if (answers(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException e) {
                // taken: try the next
            }
        }
        throw new IllegalStateException("No free port in " + from + "-" + (from + 199));
    }

    /** @return whether something accepts connections on 127.0.0.1:port */
    static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a directory tree, best effort. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("Cannot delete " + dir + ": " + e);
        }
    }

    /** @return the command, run as {@code user} when this JVM is root */
    static List<String> as(String user, List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        wrapped.addAll(command);
        return wrapped;
    }
}
