package dev.ferry.outbox.it;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A real ActiveMQ Artemis broker in the test JVM, persistent (NIO journal in a temporary folder),
 * on a TCP port, so clients connect as they would to a remote broker. It can be stopped and started
 * again on the same port and journal.
 */
final class EmbeddedArtemis implements AutoCloseable {

    private final Path dir;
    private final int port;
    private EmbeddedActiveMQ server;

    EmbeddedArtemis(Path dir) throws Exception {
        this.dir = dir;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
        start();
    }

    void start() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
    }

    void stop() throws Exception {
        server.stop();
    }

    /** @return a Jakarta Messaging connection factory with asynchronous send confirmations */
    ActiveMQConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port
                + "?confirmationWindowSize=1048576&callTimeout=5000&reconnectAttempts=0");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop Artemis: " + e.getMessage(), e);
        }
    }
}
