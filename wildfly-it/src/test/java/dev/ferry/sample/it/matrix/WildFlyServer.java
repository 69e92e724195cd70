package dev.ferry.sample.it.matrix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * WildFly 35 (unpacked and configured by the build, see {@code src/test/wildfly/configure.cli}) with a server base
 * directory of its own under {@code target/matrix}: {@code standalone.sh -c standalone-full.xml}, the default data
 * source chosen with {@code -Dferry.sample.datasource}, deployments through the deployment scanner and its
 * {@code .deployed}/{@code .failed} markers.
 */
final class WildFlyServer implements AppServer {

    private static final int HTTP_PORT = 8080;
    private static final int MANAGEMENT_PORT = 9990;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(3);

    private final Pool pool;
    private final String database;
    private final int port;
    private final int portOffset;
    private final List<String> systemProperties = new ArrayList<>();
    private final Map<String, String> environment = new java.util.LinkedHashMap<>();
    private final Path home = Path.of(System.getProperty("jboss.home")).toAbsolutePath();
    private final Path base;
    private ProcessHandle jvm;

    /**
     * @param pool the pool behind the default data source
     * @param database the PostgreSQL database the pools point at
     * @param workDir where the server base directory goes
     */
    WildFlyServer(Pool pool, String database, Path workDir) {
        this(pool, database, 5432, workDir);
    }

    /**
     * @param pool the pool behind the default data source
     * @param database the PostgreSQL database the pools point at
     * @param port the port of the PostgreSQL server (127.0.0.1) the pools point at
     * @param workDir where the server base directory goes
     */
    WildFlyServer(Pool pool, String database, int port, Path workDir) {
        this(pool, database, port, workDir, 0);
    }

    /**
     * @param pool the pool behind the default data source
     * @param database the PostgreSQL database the pools point at
     * @param port the port of the PostgreSQL server (127.0.0.1) the pools point at
     * @param workDir where the server base directory goes
     * @param portOffset added to every port of the server ({@code jboss.socket.binding.port-offset}): HTTP
     *     on 8080 + offset, management on 9990 + offset, so the server runs beside another one on the defaults
     */
    WildFlyServer(Pool pool, String database, int port, Path workDir, int portOffset) {
        this.pool = pool;
        this.portOffset = portOffset;
        this.database = database;
        this.port = port;
        this.base = workDir.resolve("wildfly-" + pool.label).toAbsolutePath();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (jvm != null) {
                jvm.destroyForcibly();
            }
        }));
    }

    @Override
    public String name() {
        return "WildFly 35, " + (pool == Pool.XA ? "XA" : "non-XA") + " pool";
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + (HTTP_PORT + portOffset);
    }

    /**
     * Sets a system property of the server's JVM from the next start on (MicroProfile Config reads them).
     *
     * @param key the property
     * @param value its value
     * @return this server
     */
    WildFlyServer systemProperty(String key, String value) {
        systemProperties.add("-D" + key + "=" + value);
        return this;
    }

    /**
     * Sets an environment variable of the server's JVM from the next start on (MicroProfile Config reads them).
     *
     * @param name the variable
     * @param value its value
     * @return this server
     */
    WildFlyServer environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    @Override
    public Path log() {
        return base.resolve("log").resolve("server.log");
    }

    @Override
    public void start() throws Exception {
        Processes.deleteTree(base);
        Path config = Files.createDirectories(base.resolve("configuration"));
        try (var files = Files.list(home.resolve("standalone").resolve("configuration"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, config.resolve(f.getFileName().toString()));
            }
        }
        // Scan for deployments every 0.5 s instead of 5 s: deploying and undeploying is what the tests wait for.
        Path xml = config.resolve("standalone-full.xml");
        String text = Files.readString(xml);
        if (!text.contains("scan-interval=\"5000\"")) {
            throw new IllegalStateException("no deployment scanner with scan-interval=\"5000\" in " + xml);
        }
        Files.writeString(xml, text.replace("scan-interval=\"5000\"", "scan-interval=\"500\""));
        Files.createDirectories(base.resolve("deployments"));
        launch();
    }

    @Override
    public void restart() throws Exception {
        launch();
    }

    private void launch() throws Exception {
        Processes.awaitPortsFree(List.of(HTTP_PORT + portOffset, MANAGEMENT_PORT + portOffset), Duration.ofMinutes(2));
        long offset = Processes.size(log());
        String dataSource = pool == Pool.XA ? "java:jboss/datasources/FerryPostgres"
                : "java:jboss/datasources/FerryPostgresLocal";
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin").resolve("standalone.sh").toString(),
                "-c", "standalone-full.xml",
                "-Djboss.server.base.dir=" + base,
                "-Dferry.sample.datasource=" + dataSource,
                "-Djboss.tx.node.id=matrix-" + pool.label + (portOffset == 0 ? "" : "-" + portOffset),
                "-Djboss.deployment.scanner.rollback.on.failure=true",
                "-Djboss.socket.binding.port-offset=" + portOffset));
        command.addAll(systemProperties);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("JAVA_OPTS", "-Xms128m -Xmx768m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=384m"
                + " -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true"
                + " -Djboss.modules.system.pkgs=org.jboss.byteman");
        env.put("FERRY_PG_DATABASE", database);
        env.put("FERRY_PG_PORT", Integer.toString(port));
        env.putAll(environment);
        Process launcher = pb.start();

        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            String since = Processes.readFrom(log(), offset);
            if (since.contains("WFLYSRV0025") || since.contains("WFLYSRV0026")) {
                break;
            }
            if (!launcher.isAlive()) {
                throw new AssertionError(name() + " exited while starting; see " + log() + " and "
                        + base.resolve("console.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name() + " did not start in " + START_TIMEOUT.toSeconds() + " s; see "
                        + log());
            }
            Thread.sleep(200);
        }
        String marker = "-Djboss.server.base.dir=" + base + " ";
        jvm = Processes.find(c -> c.contains("jboss-modules.jar") && c.contains(home.toString())
                        && (c + " ").contains(marker))
                .orElseThrow(() -> new AssertionError("no java process for " + base));
    }

    @Override
    public void deploy(String name, Path war) throws Exception {
        Path deployments = base.resolve("deployments");
        for (String suffix : List.of(".deployed", ".failed", ".undeployed", ".pending", ".isdeploying")) {
            Files.deleteIfExists(deployments.resolve(name + ".war" + suffix));
        }
        Path staged = base.resolve(name + ".war.staged");
        Files.copy(war, staged, StandardCopyOption.REPLACE_EXISTING);
        long offset = Processes.size(log());
        Files.move(staged, deployments.resolve(name + ".war"), StandardCopyOption.ATOMIC_MOVE);
        // A failed deployment is rolled back; the scanner writes .failed only once the rollback is done, which can
        // take long when the deployment's services do not stop. The log says it at once.
        String rolledBack = "WFLYSRV0021: Deploy of deployment \"" + name + ".war\" was rolled back";
        long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
        while (true) {
            if (Files.exists(deployments.resolve(name + ".war.deployed"))) {
                return;
            }
            Path failed = deployments.resolve(name + ".war.failed");
            if (Files.exists(failed)) {
                throw new AssertionError("deployment " + name + " failed on " + name() + ": "
                        + Files.readString(failed) + "\nsee " + log());
            }
            String since = Processes.readFrom(log(), offset);
            int at = since.indexOf(rolledBack);
            if (at >= 0) {
                Thread.sleep(200); // the rest of the message
                since = Processes.readFrom(log(), offset);
                String reason = logEntry(since.substring(at));
                throw new AssertionError("deployment " + name + " failed on " + name() + ": " + reason + "\nsee "
                        + log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("deployment " + name + " not done after " + DEPLOY_TIMEOUT.toSeconds()
                        + " s on " + name() + "; see " + log());
            }
            Thread.sleep(100);
        }
    }

    /** @return the first log entry of the text: its first line and the lines up to the next time stamp */
    private static String logEntry(String text) {
        StringBuilder entry = new StringBuilder();
        for (String line : text.split("\n")) {
            if (entry.length() > 0 && line.matches("^\\d{4}-\\d{2}-\\d{2} .*")) {
                break;
            }
            entry.append(line).append('\n');
        }
        return entry.length() > 3000 ? entry.substring(0, 3000) + "..." : entry.toString().trim();
    }

    @Override
    public void undeploy(String name) throws Exception {
        Path deployments = base.resolve("deployments");
        Files.deleteIfExists(deployments.resolve(name + ".war"));
        long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
        while (Files.exists(deployments.resolve(name + ".war.deployed"))
                || Files.exists(deployments.resolve(name + ".war.failed"))) {
            if (Files.exists(deployments.resolve(name + ".war.undeployed"))) {
                Files.deleteIfExists(deployments.resolve(name + ".war.failed"));
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("undeployment of " + name + " not done on " + name() + "; see " + log());
            }
            Thread.sleep(100);
        }
        Files.deleteIfExists(deployments.resolve(name + ".war.undeployed"));
    }

    /** @return the server's JVM, while it runs */
    ProcessHandle jvm() {
        return jvm;
    }

    @Override
    public void kill9() throws Exception {
        Processes.kill9(jvm);
    }

    @Override
    public void stop() {
        if (jvm != null) {
            Processes.terminate(jvm, Duration.ofSeconds(60));
        }
    }

    @Override
    public String toString() {
        return name() + " (" + base + ")";
    }
}
