package dev.ferry.sample.it.matrix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Payara Server 6 (unpacked by the build under {@code target/payara6}) with a domain of its own under the work
 * directory: the PostgreSQL driver in the domain's lib, a pool created with {@code asadmin
 * create-jdbc-connection-pool} given only the data source class, resource type and connection properties (the
 * server's defaults for everything else), {@code jdbc/__default} pointed at it, and any further asadmin commands
 * the test names (JMS resources, say), all run against the started domain as a user would. {@link #restart()}
 * starts the same domain again, with its configuration, deployments and OpenMQ store.
 */
public final class PayaraServer implements AppServer {

    /** How long the first start waits for a port someone else holds: not long, the other server will not go. */
    private static final Duration PORTS_AT_FIRST_START = Duration.ofSeconds(10);
    /** How long a restart waits for the ports of the killed or stopped server to be released. */
    private static final Duration PORTS_AT_RESTART = Duration.ofMinutes(2);

    private final Pool pool;
    private final String database;
    private final String domain;
    private final String poolName;
    private final PayaraPorts ports;
    private final List<String> commands;
    private final Path home = Path.of(System.getProperty("payara.home")).toAbsolutePath();
    private final Path workDir;
    private final Path domains;
    private ProcessHandle jvm;

    /**
     * The matrix's server: domain {@code matrix} on Payara's default ports, pool {@code FerryMatrixPool}.
     *
     * @param pool the pool behind {@code jdbc/__default}
     * @param database the PostgreSQL database the pool points at
     * @param workDir where the domain directory goes
     */
    PayaraServer(Pool pool, String database, Path workDir) {
        this(builder(pool, database, workDir));
    }

    private PayaraServer(Builder b) {
        this.pool = b.pool;
        this.database = b.database;
        this.domain = b.domain;
        this.poolName = b.poolName;
        this.ports = b.ports;
        this.commands = List.copyOf(b.commands);
        this.workDir = b.workDir.toAbsolutePath();
        this.domains = this.workDir.resolve("payara-" + domain + "-" + pool.label);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (jvm != null) {
                jvm.destroyForcibly();
            }
        }));
    }

    /**
     * @param pool the pool behind {@code jdbc/__default}
     * @param database the PostgreSQL database the pool points at
     * @param workDir where the domain directory goes
     * @return a builder with the matrix's choices (domain {@code matrix}, default ports, no further commands)
     */
    public static Builder builder(Pool pool, String database, Path workDir) {
        return new Builder(pool, database, workDir);
    }

    /**
     * The asadmin commands that create the PostgreSQL pool and make it the server's default data source, as the
     * test runs them and as the README shows them.
     *
     * @param pool the kind of pool
     * @param poolName the pool's name
     * @param database the PostgreSQL database
     * @return one command per line, without the leading {@code asadmin}
     */
    public static List<String> poolCommands(Pool pool, String poolName, String database) {
        String properties = "serverName=" + MatrixDatabase.HOST + ":portNumber=" + MatrixDatabase.PORT
                + ":databaseName=" + database + ":user=" + MatrixDatabase.USER + ":password="
                + MatrixDatabase.PASSWORD;
        String create = pool == Pool.XA
                ? "create-jdbc-connection-pool --datasourceclassname=org.postgresql.xa.PGXADataSource"
                + " --restype=javax.sql.XADataSource --property=" + properties + " " + poolName
                : "create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource"
                + " --restype=javax.sql.DataSource --property=" + properties + " " + poolName;
        return List.of(create, "set resources.jdbc-resource.jdbc/__default.pool-name=" + poolName,
                "ping-connection-pool " + poolName);
    }

    @Override
    public String name() {
        return "Payara Server 6, " + (pool == Pool.XA ? "XA" : "non-XA") + " pool";
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + ports.http();
    }

    @Override
    public Path log() {
        return domainDir().resolve("logs").resolve("server.log");
    }

    /** @return the domain's directory (config, logs, the OpenMQ store under {@code imq}) */
    public Path domainDir() {
        return domains.resolve(domain);
    }

    /** @return whether the server's JVM runs */
    public boolean isAlive() {
        return jvm != null && jvm.isAlive();
    }

    @Override
    public void start() throws Exception {
        Path template = domainTemplate();
        Processes.deleteTree(domains);
        Processes.copyTree(template, domains);
        Files.copy(Path.of(System.getProperty("postgresql.jar")), domainDir().resolve("lib").resolve("postgresql.jar"));
        Path xml = domainDir().resolve("config").resolve("domain.xml");
        Files.writeString(xml, Files.readString(xml).replace("<jvm-options>-Xmx512m</jvm-options>",
                "<jvm-options>-Xmx768m</jvm-options>"));
        launch(PORTS_AT_FIRST_START);

        List<String> all = new ArrayList<>(poolCommands(pool, poolName, database));
        all.addAll(commands);
        Path file = domains.resolve("configure.asadmin");
        Files.writeString(file, String.join("\n", all) + "\n");
        remote(Duration.ofMinutes(3), "multimode", "--file", file.toString());
    }

    /** A domain created once per build directory, domain name and ports, copied for every server (~15 s). */
    private Path domainTemplate() throws Exception {
        Path template = workDir.resolve("payara-template-" + domain + "-" + ports.label());
        if (Files.exists(template.resolve(domain).resolve("config").resolve("domain.xml"))) {
            return template;
        }
        Path creating = workDir.resolve("payara-template-" + domain + "-" + ports.label() + ".tmp");
        Processes.deleteTree(creating);
        Files.createDirectories(creating);
        List<String> create = new ArrayList<>(List.of("create-domain", "--domaindir", creating.toString(),
                "--nopassword=true", "--checkports=false"));
        if (!ports.isDefault()) {
            create.addAll(List.of("--portbase", Integer.toString(ports.portBase())));
        }
        create.add(domain);
        local(Duration.ofMinutes(3), create.toArray(String[]::new));
        Processes.deleteTree(template);
        Files.move(creating, template);
        return template;
    }

    @Override
    public void restart() throws Exception {
        launch(PORTS_AT_RESTART);
    }

    private void launch(Duration portWait) throws Exception {
        for (Map.Entry<String, Integer> port : ports.listening().entrySet()) {
            try {
                Processes.awaitPortsFree(List.of(port.getValue()), portWait);
            } catch (AssertionError e) {
                throw new AssertionError(name() + " (domain " + domain + ") cannot start: its " + port.getKey()
                        + " port " + port.getValue() + " is taken on 127.0.0.1. Stop what listens there or move the"
                        + " domain's ports (" + ports + "). " + e.getMessage(), e);
            }
        }
        Files.deleteIfExists(domainDir().resolve("config").resolve("pid"));
        try {
            local(Duration.ofMinutes(4), "start-domain", "--domaindir", domains.toString(), domain);
        } catch (AssertionError e) {
            throw new AssertionError(name() + " did not start; see " + log() + "\n" + e.getMessage(), e);
        }
        long pid = Long.parseLong(Files.readString(domainDir().resolve("config").resolve("pid")).trim());
        jvm = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid + " for " + name()));
    }

    @Override
    public void deploy(String name, Path war) throws Exception {
        deploy(name, name, war);
    }

    /**
     * Deploys a WAR with {@code asadmin deploy} and waits until it is deployed.
     *
     * @param name the deployment name
     * @param contextRoot its context root ("/" for the server's root)
     * @param war the archive
     * @throws Exception if the deployment fails; the message carries the server's reason and names the log
     */
    public void deploy(String name, String contextRoot, Path war) throws Exception {
        try {
            remote(Duration.ofMinutes(4), "deploy", "--name", name, "--contextroot", contextRoot, "--force=true",
                    war.toString());
        } catch (AssertionError e) {
            throw new AssertionError("deployment " + name + " failed on " + name() + ": " + e.getMessage()
                    + "\nsee " + log(), e);
        }
    }

    @Override
    public void undeploy(String name) throws Exception {
        remote(Duration.ofMinutes(2), "undeploy", name);
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
            local(Duration.ofSeconds(90), "stop-domain", "--domaindir", domains.toString(), domain);
        } catch (Exception | AssertionError e) {
            System.out.println("[payara] stop-domain failed, killing " + name() + ": " + e.getMessage());
        }
        Processes.terminate(jvm, Duration.ofSeconds(30));
    }

    /** A command that works on the domain's files (create-domain, start-domain, stop-domain). */
    private String local(Duration timeout, String... args) throws Exception {
        return asadmin(timeout, List.of(), args);
    }

    /** A command for the running domain, through its admin port. */
    private String remote(Duration timeout, String... args) throws Exception {
        return asadmin(timeout, List.of("--host", "127.0.0.1", "--port", Integer.toString(ports.admin())), args);
    }

    private String asadmin(Duration timeout, List<String> programOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("asadmin").toString()));
        command.addAll(programOptions);
        command.add("--interactive=false");
        command.addAll(List.of(args));
        Files.createDirectories(domains);
        return Processes.run(command, Map.of("AS_JAVA", System.getProperty("java.home")), timeout,
                domains.resolve("asadmin.log"));
    }

    @Override
    public String toString() {
        return name() + " (" + domains + ", " + ports + ")";
    }

    /** What a {@link PayaraServer} is made of, beyond its pool and database; immutable once built. */
    public static final class Builder {

        private final Pool pool;
        private final String database;
        private final Path workDir;
        private String domain = "matrix";
        private String poolName = "FerryMatrixPool";
        private PayaraPorts ports = PayaraPorts.DEFAULTS;
        private final List<String> commands = new ArrayList<>();

        private Builder(Pool pool, String database, Path workDir) {
            this.pool = Objects.requireNonNull(pool, "pool");
            this.database = Objects.requireNonNull(database, "database");
            this.workDir = Objects.requireNonNull(workDir, "workDir");
        }

        /**
         * @param name the domain's name (also its directory's)
         * @return this builder
         */
        public Builder domain(String name) {
            this.domain = Objects.requireNonNull(name, "domain");
            return this;
        }

        /**
         * @param name the JDBC connection pool's name
         * @return this builder
         */
        public Builder poolName(String name) {
            this.poolName = Objects.requireNonNull(name, "poolName");
            return this;
        }

        /**
         * @param domainPorts where the domain listens
         * @return this builder
         */
        public Builder ports(PayaraPorts domainPorts) {
            this.ports = Objects.requireNonNull(domainPorts, "ports");
            return this;
        }

        /**
         * @param command an asadmin command (without {@code asadmin}) run once the pool exists, on the first start
         * @return this builder
         */
        public Builder asadmin(String command) {
            commands.add(Objects.requireNonNull(command, "command"));
            return this;
        }

        /** @return the server, not started */
        public PayaraServer build() {
            return new PayaraServer(this);
        }
    }
}
