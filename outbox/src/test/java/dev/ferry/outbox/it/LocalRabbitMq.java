package dev.ferry.outbox.it;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real RabbitMQ the tests use: {@code FERRY_TEST_RABBITMQ_URI} if set, else the local server
 * (amqp://guest:guest@127.0.0.1:5672, started by {@code .ci/run}). A test that needs it fails when
 * it is not there; it never passes without it.
 */
final class LocalRabbitMq {

    private LocalRabbitMq() {
    }

    static ConnectionFactory connectionFactory() {
        String uri = System.getenv("FERRY_TEST_RABBITMQ_URI");
        ConnectionFactory f = new ConnectionFactory();
        try {
            f.setUri(uri == null || uri.isBlank() ? "amqp://guest:guest@127.0.0.1:5672/%2F" : uri);
        } catch (Exception e) {
            throw new IllegalStateException("Bad FERRY_TEST_RABBITMQ_URI: " + e.getMessage(), e);
        }
        f.setConnectionTimeout(5_000);
        return f;
    }

    /** Fails loudly when RabbitMQ does not answer. */
    static void requireRunning() {
        ConnectionFactory f = connectionFactory();
        try (Connection c = f.newConnection("ferry-test-probe")) {
            if (!c.isOpen()) {
                throw new IOException("connection not open");
            }
        } catch (Exception e) {
            throw new AssertionError("RabbitMQ is not reachable at " + f.getHost() + ":" + f.getPort() + " (" + e
                    + "); start it (rabbitmq-server -detached, see .ci/run) or set FERRY_TEST_RABBITMQ_URI", e);
        }
    }

    /** Stops the RabbitMQ application (connections drop, new ones are refused). */
    static void stopApp() throws Exception {
        rabbitmqctl("stop_app");
    }

    /** Starts the RabbitMQ application again and waits until it accepts connections. */
    static void startApp() throws Exception {
        rabbitmqctl("start_app");
        rabbitmqctl("await_startup");
    }

    private static void rabbitmqctl(String command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(List.of("rabbitmqctl", "-q", command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(
                    "The RabbitMQ outage test needs rabbitmqctl on the PATH (a local RabbitMQ): " + e, e);
        }
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("rabbitmqctl " + command + " did not finish in 90 s");
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new AssertionError("rabbitmqctl " + command + " failed (" + p.exitValue() + "): " + out);
        }
    }
}
