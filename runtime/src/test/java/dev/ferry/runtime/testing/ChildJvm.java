package dev.ferry.runtime.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
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
}
