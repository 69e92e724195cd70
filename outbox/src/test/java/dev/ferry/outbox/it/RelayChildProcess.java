package dev.ferry.outbox.it;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.runtime.se.JavaSeEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A relay in a JVM of its own, for the crash test: publishes to the {@link TableSinkPublisher} until
 * it is killed. Arguments: JDBC URL, user, password, schema, object store directory.
 */
public final class RelayChildProcess {

    private RelayChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2].equals("-") ? "" : args[2];
        String schema = args[3];
        JavaSeEnvironment env = JavaSeEnvironment.builder().jdbcUrl(url).user(user).password(password)
                .objectStoreDirectory(Path.of(args[4])).nodeIdentifier("child-relay").build();
        OutboxSettings settings = OutboxSettings.builder().schema(schema).table("outbox").relayId("child")
                .batchSize(50).leaseDuration(Duration.ofSeconds(3)).build();
        OutboxEngine engine = OutboxEngine.builder().environment(env).settings(settings)
                .publisher(new TableSinkPublisher(url, user, password, 30)).build();
        engine.start();
        Files.writeString(Path.of(args[4], "started"), "started");
        Thread.sleep(Long.MAX_VALUE);
    }
}
