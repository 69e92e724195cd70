package dev.ferry.sample.it.matrix;

import java.nio.file.Path;

/**
 * An application server driven as a process by the test: started with one PostgreSQL pool as the application's
 * default data source, given WARs, killed with SIGKILL and started again with the same configuration.
 */
public interface AppServer {

    /** The kind of PostgreSQL pool behind the application's default data source. */
    enum Pool {
        /** A plain {@code DataSource} pool (local transactions enlisted by the server). */
        NON_XA("nonxa"),
        /** An {@code XADataSource} pool. */
        XA("xa");

        final String label;

        Pool(String label) {
            this.label = label;
        }
    }

    /** @return for messages, e.g. "WildFly 35, non-XA pool" */
    String name();

    /** @return the HTTP root, e.g. {@code http://127.0.0.1:8080} (a WAR named x answers under /x) */
    String baseUrl();

    /**
     * Creates a fresh configuration (the pool under test as the default data source) and starts the server.
     *
     * @throws Exception if it does not come up; the message names the log
     */
    void start() throws Exception;

    /**
     * Deploys a WAR and waits until it is deployed.
     *
     * @param name the deployment name and context root
     * @param war the archive
     * @throws Exception if the deployment fails; the message carries the server's reason and names the log
     */
    void deploy(String name, Path war) throws Exception;

    /**
     * @param name a deployment name
     * @throws Exception if it cannot be undeployed
     */
    void undeploy(String name) throws Exception;

    /**
     * SIGKILL of the server's JVM, then waits until it is gone.
     *
     * @throws Exception if it does not die
     */
    void kill9() throws Exception;

    /**
     * Starts the server again after {@link #kill9()} or {@link #stop()}: same configuration, same deployments.
     *
     * @throws Exception if it does not come up
     */
    void restart() throws Exception;

    /** Stops the server gracefully, forcibly after a timeout; does nothing when it is not running. */
    void stop();

    /** @return the server's log file */
    Path log();
}
