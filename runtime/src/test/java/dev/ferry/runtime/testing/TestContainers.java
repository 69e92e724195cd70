package dev.ferry.runtime.testing;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.containers.PostgreSQLContainer;

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
        };
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        String url = database == TestDatabase.MARIADB
                ? container.getJdbcUrl().replaceAll("/[^/?]*(\\?|$)", "/$1") : container.getJdbcUrl();
        return Optional.of(new TestDatabase.Server(url, container.getUsername(), container.getPassword()));
    }
}
