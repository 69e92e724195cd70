package dev.ferry.sample.it.matrix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payara Server 6 (unpacked by the build under {@code target/payara6}) with a domain of its own under
 * {@code target/matrix}: the PostgreSQL driver in the domain's lib, a pool created with
 * {@code asadmin create-jdbc-connection-pool} given only the data source class, resource type and connection
 * properties (the server's defaults for everything else), and {@code jdbc/__default} pointed at it.
 */
final class PayaraServer implements AppServer {

    private static final String DOMAIN = "matrix";
    private static final String POOL = "FerryMatrixPool";
    private static final List<Integer> PORTS = List.of(4848, 8080, 8181, 3700, 8686);

    private final Pool pool;
    private final String database;
    private final Path home = Path.of(System.getProperty("payara.home")).toAbsolutePath();
    private final Path workDir;
    private final Path domains;
    private ProcessHandle jvm;

    /**
     * @param pool the pool behind {@code jdbc/__default}
     * @param database the PostgreSQL database the pool points at
     * @param workDir where the domain directory goes
     */
    PayaraServer(Pool pool, String database, Path workDir) {
        this.pool = pool;
        this.database = database;
        this.workDir = workDir.toAbsolutePath();
        this.domains = this.workDir.resolve("payara-" + pool.label);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (jvm != null) {
                jvm.destroyForcibly();
            }
        }));
    }

    @Override
    public String name() {
        return "Payara Server 6, " + (pool == Pool.XA ? "XA" : "non-XA") + " pool";
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:8080";
    }

    @Override
    public Path log() {
        return domains.resolve(DOMAIN).resolve("logs").resolve("server.log");
    }

    @Override
    public void start() throws Exception {
        Path template = domainTemplate();
        Processes.deleteTree(domains);
        Processes.copyTree(template, domains);
        Path domain = domains.resolve(DOMAIN);
        Files.copy(Path.of(System.getProperty("postgresql.jar")), domain.resolve("lib").resolve("postgresql.jar"));
        Path xml = domain.resolve("config").resolve("domain.xml");
        Files.writeString(xml, Files.readString(xml).replace("<jvm-options>-Xmx512m</jvm-options>",
                "<jvm-options>-Xmx768m</jvm-options>"));
        launch();

        String properties = "serverName=" + MatrixDatabase.HOST + ":portNumber=" + MatrixDatabase.PORT
                + ":databaseName=" + database + ":user=" + MatrixDatabase.USER + ":password="
                + MatrixDatabase.PASSWORD;
        String commands = pool == Pool.XA
                ? "create-jdbc-connection-pool --datasourceclassname=org.postgresql.xa.PGXADataSource"
                + " --restype=javax.sql.XADataSource --property=" + properties + " " + POOL + "\n"
                : "create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource"
                + " --restype=javax.sql.DataSource --property=" + properties + " " + POOL + "\n";
        commands += "set resources.jdbc-resource.jdbc/__default.pool-name=" + POOL + "\n"
                + "ping-connection-pool " + POOL + "\n";
        Path file = domains.resolve("configure.asadmin");
        Files.writeString(file, commands);
        asadmin(Duration.ofMinutes(2), "multimode", "--file", file.toString());
    }

    /** A domain created once per build directory and copied for every server (creating one takes ~15 s). */
    private Path domainTemplate() throws Exception {
        Path template = workDir.resolve("payara-domain-template");
        if (Files.exists(template.resolve(DOMAIN).resolve("config").resolve("domain.xml"))) {
            return template;
        }
        Path creating = workDir.resolve("payara-domain-template.tmp");
        Processes.deleteTree(creating);
        Files.createDirectories(creating);
        asadmin(Duration.ofMinutes(3), "create-domain", "--domaindir", creating.toString(), "--nopassword=true",
                "--checkports=false", DOMAIN);
        Processes.deleteTree(template);
        Files.move(creating, template);
        return template;
    }

    @Override
    public void restart() throws Exception {
        launch();
    }

    private void launch() throws Exception {
        Processes.awaitPortsFree(PORTS, Duration.ofMinutes(2));
        Files.deleteIfExists(domains.resolve(DOMAIN).resolve("config").resolve("pid"));
        try {
            asadmin(Duration.ofMinutes(4), "start-domain", "--domaindir", domains.toString(), DOMAIN);
        } catch (AssertionError e) {
            throw new AssertionError(name() + " did not start; see " + log() + "\n" + e.getMessage(), e);
        }
        long pid = Long.parseLong(Files.readString(domains.resolve(DOMAIN).resolve("config").resolve("pid")).trim());
        jvm = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid + " for " + name()));
    }

    @Override
    public void deploy(String name, Path war) throws Exception {
        try {
            asadmin(Duration.ofMinutes(4), "deploy", "--name", name, "--contextroot", name, "--force=true",
                    war.toString());
        } catch (AssertionError e) {
            throw new AssertionError("deployment " + name + " failed on " + name() + ": " + e.getMessage()
                    + "\nsee " + log(), e);
        }
    }

    @Override
    public void undeploy(String name) throws Exception {
        asadmin(Duration.ofMinutes(2), "undeploy", name);
    }

    @Override
    public void kill9() throws Exception {
        Processes.kill9(jvm);
    }

    @Override
    public void stop() {
        if (jvm == null || !jvm.isAlive()) {
            return;
        }
        try {
            asadmin(Duration.ofSeconds(90), "stop-domain", "--domaindir", domains.toString(), DOMAIN);
        } catch (Exception | AssertionError e) {
            System.out.println("[matrix] stop-domain failed, killing " + name() + ": " + e.getMessage());
        }
        Processes.terminate(jvm, Duration.ofSeconds(30));
    }

    private String asadmin(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("asadmin").toString(),
                "--interactive=false"));
        command.addAll(List.of(args));
        Files.createDirectories(domains);
        return Processes.run(command, Map.of("AS_JAVA", System.getProperty("java.home")), timeout,
                domains.resolve("asadmin.log"));
    }

    @Override
    public String toString() {
        return name() + " (" + domains + ")";
    }
}
