package dev.ferry.sample.it.matrix;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Helpers for server processes: their command lines, SIGKILL, ports, waiting. */
final class Processes {

    private Processes() {
    }

    /**
     * @param match what the command line must satisfy
     * @return the first live process whose full command line matches
     */
    static Optional<ProcessHandle> find(Predicate<String> match) {
        return ProcessHandle.allProcesses().filter(p -> match.test(commandLine(p))).findFirst();
    }

    /** @return the full command line, arguments separated by spaces ("" if unreadable) */
    static String commandLine(ProcessHandle p) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return p.info().commandLine().orElse("");
        }
    }

    /** SIGKILL, then waits until the process is gone. */
    static void kill9(ProcessHandle p) throws Exception {
        p.destroyForcibly(); // SIGKILL on Linux
        p.onExit().get(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL if it is still there after the timeout. */
    static void terminate(ProcessHandle p, Duration timeout) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the next start's port check
            }
        }
    }

    /** Waits until nothing listens on the ports on 127.0.0.1 (a previous server is fully gone). */
    static void awaitPortsFree(List<Integer> ports, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : ports) {
            while (listening(port)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("port " + port + " is still in use after " + timeout.toSeconds()
                            + " s: another server runs; java processes: " + ProcessHandle.allProcesses()
                            .filter(p -> commandLine(p).contains("java"))
                            .map(p -> p.pid() + " " + abbreviate(commandLine(p))).toList());
                }
                Thread.sleep(250);
            }
        }
    }

    private static String abbreviate(String commandLine) {
        return commandLine.length() <= 160 ? commandLine : commandLine.substring(0, 160) + "...";
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs a command to its end.
     *
     * @return its output (stdout and stderr)
     * @throws AssertionError if it fails or takes too long, with its output
     */
    static String run(List<String> command, java.util.Map<String, String> env, Duration timeout, Path logFile)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("ferry-matrix-cmd", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            String output = Files.readString(out);
            if (logFile != null) {
                Files.writeString(logFile, "$ " + String.join(" ", command) + "\n" + output + "\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            if (!done) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command)
                        + "\n" + output);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("exit " + p.exitValue() + ": " + String.join(" ", command) + "\n" + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Deletes a directory tree if it exists. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Copies a directory tree. */
    static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** @return the file's text from a byte offset on ("" if it does not exist) */
    static String readFrom(Path file, long offset) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (var in = Files.newInputStream(file)) {
            in.skipNBytes(Math.min(offset, Files.size(file)));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }
}
