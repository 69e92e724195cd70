package dev.ferry.runtime.testing;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.MSSQLServerContainer;
import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.oracle.OracleContainer;

/** Starts a database in Docker through Testcontainers, for machines without a local server. */
final class TestContainers {

    private TestContainers() {
    }

    static Optional<TestDatabase.Server> start(TestDatabase database) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            docker = false;
        }
        if (!docker) {
            return Optional.empty();
        }
        JdbcDatabaseContainer<?> container = switch (database) {
            case POSTGRESQL -> new PostgreSQLContainer<>("postgres:16-alpine");
            case MARIADB -> new MariaDBContainer<>("mariadb:11").withUsername("root").withPassword("");
            case SQLSERVER -> new MSSQLServerContainer<>("mcr.microsoft.com/mssql/server:2022-latest").acceptLicense();
            case ORACLE -> new OracleContainer("gvenzl/oracle-free:23-slim-faststart");
        };
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return Optional.of(switch (database) {
            case POSTGRESQL, SQLSERVER -> new TestDatabase.Server(container.getJdbcUrl(), container.getUsername(),
                    container.getPassword());
            case MARIADB -> new TestDatabase.Server(container.getJdbcUrl().replaceAll("/[^/?]*(\\?|$)", "/$1"),
                    container.getUsername(), container.getPassword());
            // the container's application user cannot create users: its SYSTEM user, with the same password, can
            case ORACLE -> new TestDatabase.Server(container.getJdbcUrl(), "system", container.getPassword());
        });
    }
}
