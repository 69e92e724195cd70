package dev.ferry.outbox.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.ConnectionFactory;
import dev.ferry.outbox.config.OutboxKeys;
import dev.ferry.outbox.publish.http.WebhookPublisherConfig;
import dev.ferry.outbox.publish.kafka.KafkaPublisherConfig;
import dev.ferry.outbox.publish.rabbitmq.RabbitMqPublisherConfig;
import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.testing.SettingsCoverage;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The keys of the publishers chosen by configuration in a container ({@code ferry.outbox.publisher=kafka},
 * {@code rabbitmq}, {@code webhook}), fuzzed like the settings' keys, against README.md's "Publishers by
 * configuration" table. Reading them connects to nothing; {@code ConfiguredPublishersTest} sends through
 * publishers made from them to real brokers.
 */
class PublisherKeysTest {

    static final String HEADING = "### Publishers by configuration";

    private static final OutgoingMessage ORDER = new OutgoingMessage(UUID.randomUUID(), 1, "orders", "o-1", "Placed",
            "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of(), Instant.now(), 1);
    private static final OutgoingMessage AUDIT = new OutgoingMessage(UUID.randomUUID(), 2, "audit", null, null,
            "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of(), Instant.now(), 1);

    /** What the Kafka keys reach. */
    record KafkaView(Map<String, Object> producerProperties, Duration deliveryTimeout, String ordersTopic) {
        static KafkaView read(FerryConfig config) {
            return read(config, OutboxKeys.DEFAULT);
        }

        static KafkaView read(FerryConfig config, OutboxKeys outbox) {
            KafkaPublisherConfig c = KafkaPublisherFactory.read(config, outbox);
            return new KafkaView(new java.util.TreeMap<>(c.producerProperties()), c.deliveryTimeout(),
                    c.topicOf(ORDER));
        }
    }

    /** What the RabbitMQ keys reach. */
    record RabbitView(String host, int port, String virtualHost, String username, String password, int timeout,
                      boolean ssl, String ordersExchange, String auditExchange, String ordersRoutingKey,
                      String auditRoutingKey, boolean mandatory, Duration confirmTimeout, String connectionName) {
        static RabbitView read(FerryConfig config) {
            return read(config, OutboxKeys.DEFAULT);
        }

        static RabbitView read(FerryConfig config, OutboxKeys outbox) {
            ConnectionFactory f = RabbitMqPublisherFactory.connectionFactory(config, outbox);
            RabbitMqPublisherConfig c = RabbitMqPublisherFactory.read(config, outbox, f);
            return new RabbitView(f.getHost(), f.getPort(), f.getVirtualHost(), f.getUsername(), f.getPassword(),
                    f.getConnectionTimeout(), f.isSSL(), c.exchangeOf(ORDER), c.exchangeOf(AUDIT),
                    c.routingKeyOf(ORDER), c.routingKeyOf(AUDIT), c.mandatory(), c.confirmTimeout(),
                    c.connectionName());
        }
    }

    /** What the webhook keys reach. */
    record WebhookView(String ordersEndpoint, String auditEndpoint, Duration requestTimeout, Duration connectTimeout,
                       int maxConcurrentRequests, String signingSecret, String signatureHeader,
                       Map<String, String> headers) {
        static WebhookView read(FerryConfig config) {
            return read(config, OutboxKeys.DEFAULT);
        }

        static WebhookView read(FerryConfig config, OutboxKeys outbox) {
            WebhookPublisherConfig c = WebhookPublisherFactory.read(config, outbox);
            byte[] secret = c.signingSecret();
            return new WebhookView(c.endpointOf(ORDER).toString(), c.endpointOf(AUDIT).toString(),
                    c.requestTimeout(), c.connectTimeout(), c.maxConcurrentRequests(),
                    secret == null ? null : new String(secret, StandardCharsets.UTF_8), c.signatureHeader(),
                    new java.util.TreeMap<>(c.headers()));
        }
    }

    static final SettingsCoverage<KafkaView> KAFKA = SettingsCoverage.of(null, KafkaView::read, HEADING)
            .key("ferry.outbox.kafka.bootstrap-servers", "ferry.outbox.kafka.bootstrap-servers", "k2:9092")
            .key("ferry.outbox.kafka.delivery-timeout", "ferry.outbox.kafka.delivery-timeout", "60s")
            .key("ferry.outbox.kafka.request-timeout", "ferry.outbox.kafka.request-timeout", "5s")
            .key("ferry.outbox.kafka.max-block", "ferry.outbox.kafka.max-block", "20s")
            .named("ferry.outbox.kafka.topic.<topic>", "ferry.outbox.kafka.topic.orders", "shop.orders", false)
            .named("ferry.outbox.kafka.properties.<name>", "ferry.outbox.kafka.properties.linger.ms", "20", false)
            .named("ferry.outbox.kafka.properties.<name>", "ferry.outbox.kafka.properties.compression.type", "zstd",
                    false)
            .named("ferry.outbox.kafka.properties.<name>", "ferry.outbox.kafka.properties.ssl.truststore.password",
                    "changeit", true)
            .fixed("ferry.outbox.kafka.bootstrap-servers", "k1:9092");

    static final SettingsCoverage<RabbitView> RABBITMQ = SettingsCoverage.of(null, RabbitView::read, HEADING)
            .key("ferry.outbox.rabbitmq.uri", "ferry.outbox.rabbitmq.uri", "amqp://rabbit.example.com:5673/shop")
            .secret("ferry.outbox.rabbitmq.username", "ferry.outbox.rabbitmq.username", "app")
            .secret("ferry.outbox.rabbitmq.password", "ferry.outbox.rabbitmq.password", "s3cret")
            .key("ferry.outbox.rabbitmq.connection-timeout", "ferry.outbox.rabbitmq.connection-timeout", "20s")
            .key("ferry.outbox.rabbitmq.exchange", "ferry.outbox.rabbitmq.exchange", "shop")
            .named("ferry.outbox.rabbitmq.exchange.<topic>", "ferry.outbox.rabbitmq.exchange.orders", "shop.orders",
                    false)
            .key("ferry.outbox.rabbitmq.routing-key", "ferry.outbox.rabbitmq.routing-key", "type")
            .named("ferry.outbox.rabbitmq.routing-key.<topic>", "ferry.outbox.rabbitmq.routing-key.orders",
                    "orders.placed", false)
            .key("ferry.outbox.rabbitmq.mandatory", "ferry.outbox.rabbitmq.mandatory", "false")
            .key("ferry.outbox.rabbitmq.confirm-timeout", "ferry.outbox.rabbitmq.confirm-timeout", "10s")
            .key("ferry.outbox.rabbitmq.connection-name", "ferry.outbox.rabbitmq.connection-name", "shop-outbox")
            .fixed("ferry.outbox.rabbitmq.uri", "amqp://127.0.0.1:5672/%2F");

    static final SettingsCoverage<WebhookView> WEBHOOK = SettingsCoverage.of(null, WebhookView::read, HEADING)
            .key("ferry.outbox.webhook.url", "ferry.outbox.webhook.url", "https://other.example.com/x")
            .named("ferry.outbox.webhook.url.<topic>", "ferry.outbox.webhook.url.orders",
                    "https://orders.example.com/in", false)
            .key("ferry.outbox.webhook.request-timeout", "ferry.outbox.webhook.request-timeout", "20s")
            .key("ferry.outbox.webhook.connect-timeout", "ferry.outbox.webhook.connect-timeout", "2s")
            .key("ferry.outbox.webhook.max-concurrent-requests", "ferry.outbox.webhook.max-concurrent-requests", "4")
            .secret("ferry.outbox.webhook.signing-secret", "ferry.outbox.webhook.signing-secret",
                    "0123456789abcdef0123")
            .key("ferry.outbox.webhook.signature-header", "ferry.outbox.webhook.signature-header", "X-Signature")
            .secret("ferry.outbox.webhook.bearer-token", "ferry.outbox.webhook.bearer-token", "tok-1")
            .named("ferry.outbox.webhook.header.<name>", "ferry.outbox.webhook.header.X-Api-Key", "k-1", true)
            .fixed("ferry.outbox.webhook.url", "https://hooks.example.com/ferry");

    @Test
    void everyKeyRefusesNonsenseNamingTheKeyAndTheValueButNeverASecret() {
        KAFKA.assertEveryKeyRefusesNonsense();
        RABBITMQ.assertEveryKeyRefusesNonsense();
        WEBHOOK.assertEveryKeyRefusesNonsense();
    }

    @Test
    void everyKeyReachesItsValue() {
        KAFKA.assertEveryKeyChangesTheSettings();
        RABBITMQ.assertEveryKeyChangesTheSettings();
        WEBHOOK.assertEveryKeyChangesTheSettings();
    }

    @Test
    void theReadersReadEveryDeclaredKeyAndNoOther() {
        KAFKA.assertTheReaderReadsExactlyTheDeclaredKeys();
        RABBITMQ.assertTheReaderReadsExactlyTheDeclaredKeys();
        WEBHOOK.assertTheReaderReadsExactlyTheDeclaredKeys();
    }

    @Test
    void theReadmeTableListsEveryKeyAndNoOther() {
        KAFKA.assertReadmeTableNamesEverySettingAndKey();
        RABBITMQ.assertReadmeTableNamesEverySettingAndKey();
        WEBHOOK.assertReadmeTableNamesEverySettingAndKey();
        List<String> declared = new ArrayList<>(List.of("ferry.outbox.publisher"));
        for (String key : SettingsCoverage.readmeKeys(HEADING)) {
            boolean known = key.equals("ferry.outbox.publisher") || key.startsWith("ferry.outbox.kafka.")
                    || key.startsWith("ferry.outbox.rabbitmq.") || key.startsWith("ferry.outbox.webhook.");
            if (!known) {
                declared.add("unknown: " + key);
            }
        }
        assertEquals(List.of("ferry.outbox.publisher"), declared, "README keys of '" + HEADING + "' no test fuzzes");
    }

    @Test
    void theReadmeExamplesMakeTheirPublishers() throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(readme());
        int blocks = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("<!-- properties: PublisherKeysTest")) {
                continue;
            }
            assertEquals("```properties", lines.get(i + 1), "README.md line " + (i + 2));
            StringBuilder text = new StringBuilder();
            for (int j = i + 2; !lines.get(j).equals("```"); j++) {
                text.append(lines.get(j)).append('\n');
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(new java.io.StringReader(text.toString()));
            Map<String, String> keys = new java.util.HashMap<>();
            properties.stringPropertyNames().forEach(k -> keys.put(k, properties.getProperty(k)));
            FerryConfig config = config(keys);
            switch (PublisherChoice.named(config).orElseThrow()) {
                case "kafka" -> assertEquals("zstd", KafkaView.read(config).producerProperties()
                        .get("compression.type"));
                case "rabbitmq" -> assertEquals("shop.payments", RabbitMqPublisherFactory.read(config,
                        RabbitMqPublisherFactory.connectionFactory(config)).exchangeOf(new OutgoingMessage(
                                UUID.randomUUID(), 3, "payments", "p-1", "Paid", "application/json", new byte[0],
                                Map.of(), Instant.now(), 1)));
                default -> WebhookPublisherFactory.read(config);
            }
            blocks++;
        }
        assertEquals(2, blocks, "properties examples in README.md");
    }

    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (java.nio.file.Files.isRegularFile(dir.resolve("README.md"))
                    && java.nio.file.Files.isDirectory(dir.resolve("runtime"))) {
                return dir.resolve("README.md");
            }
        }
        throw new AssertionError("no README.md above " + Path.of("").toAbsolutePath());
    }

    @Test
    void defaultsAreTheBuildersDefaults() {
        KafkaView kafka = KafkaView.read(config(Map.of("ferry.outbox.kafka.bootstrap-servers", "k1:9092")));
        assertEquals("k1:9092", kafka.producerProperties().get("bootstrap.servers"));
        assertEquals("all", kafka.producerProperties().get("acks"));
        assertEquals("30000", kafka.producerProperties().get("delivery.timeout.ms"));
        assertEquals("orders", kafka.ordersTopic());
        RabbitView rabbit = RabbitView.read(config(Map.of("ferry.outbox.rabbitmq.uri",
                "amqp://app:pw@rabbit.example.com/shop")));
        assertEquals(List.of("rabbit.example.com", 5672, "shop", "app", "pw", 10_000, false),
                List.of(rabbit.host(), rabbit.port(), rabbit.virtualHost(), rabbit.username(), rabbit.password(),
                        rabbit.timeout(), rabbit.ssl()));
        assertEquals(List.of("orders", "audit", "o-1", ""), List.of(rabbit.ordersExchange(), rabbit.auditExchange(),
                rabbit.ordersRoutingKey(), rabbit.auditRoutingKey()));
        assertTrue(rabbit.mandatory());
        WebhookPublisherConfig hook = WebhookPublisherFactory.read(config(Map.of("ferry.outbox.webhook.url.orders",
                "https://o.example/in")));
        assertEquals(Duration.ofSeconds(10), hook.requestTimeout());
        assertEquals(Map.of(), hook.headers());
        assertEquals("https://o.example/in", hook.endpointOf(ORDER).toString());
        assertEquals("No webhook endpoint for topic audit: set ferry.outbox.webhook.url.audit or"
                + " ferry.outbox.webhook.url", assertThrows(IllegalArgumentException.class,
                        () -> hook.endpointOf(AUDIT)).getMessage());
    }

    @Test
    void secretsOverrideTheUriAndAmqpsChecksCertificates() {
        RabbitView rabbit = RabbitView.read(config(Map.of("ferry.outbox.rabbitmq.uri",
                "amqps://rabbit.example.com/shop", "ferry.outbox.rabbitmq.username", "app",
                "ferry.outbox.rabbitmq.password", "from-env")));
        assertEquals(List.of(5671, "app", "from-env", true), List.of(rabbit.port(), rabbit.username(),
                rabbit.password(), rabbit.ssl()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RabbitView.read(config(
                Map.of("ferry.outbox.rabbitmq.uri", "amqp://app:hunter2@rabbit.example.com/x y"))));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("amqp://app:***@rabbit.example.com"), e.getMessage());
        WebhookView hook = WebhookView.read(config(Map.of("ferry.outbox.webhook.url", "https://h.example/in",
                "ferry.outbox.webhook.bearer-token", "tok-1", "ferry.outbox.webhook.header.X-Api-Key", "k-1")));
        assertEquals(Map.of("Authorization", "Bearer tok-1", "X-Api-Key", "k-1"), hook.headers());
        e = assertThrows(IllegalArgumentException.class, () -> WebhookView.read(config(Map.of(
                "ferry.outbox.webhook.url", "https://h.example/in", "ferry.outbox.webhook.header.Content-Type",
                "text/plain-secret"))));
        assertFalse(e.getMessage().contains("text/plain-secret"), e.getMessage());
        assertTrue(e.getMessage().contains("ferry.outbox.webhook.header.Content-Type"), e.getMessage());
    }

    @Test
    void requiredKeysAreNamedWhenMissing() {
        assertMessage("Ferry configuration ferry.outbox.publisher = 'kafka' needs ferry.outbox.kafka.bootstrap-servers"
                + " (host:port,host:port)", () -> KafkaPublisherFactory.read(config(Map.of())));
        assertMessage("Ferry configuration ferry.outbox.publisher = 'rabbitmq' needs ferry.outbox.rabbitmq.uri"
                + " (amqp://host:5672/vhost or amqps://host:5671/vhost)",
                () -> RabbitMqPublisherFactory.connectionFactory(config(Map.of())));
        assertMessage("Ferry configuration ferry.outbox.publisher = 'webhook' needs ferry.outbox.webhook.url"
                + " (https://host/path), or ferry.outbox.webhook.url.<topic> for each topic",
                () -> WebhookPublisherFactory.read(config(Map.of())));
        assertMessage("Ferry configuration ferry.outbox.publisher = 'kafak' is not one of jms, cdi-event, kafka,"
                + " rabbitmq, webhook, bean", () -> PublisherChoice.named(config(Map.of("ferry.outbox.publisher",
                        "Kafak"))));
        assertEquals(Optional.of("kafka"), PublisherChoice.named(config(Map.of("ferry.outbox.publisher", " Kafka "))));
    }

    @Test
    void refusedKafkaPropertiesNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KafkaPublisherFactory.read(
                config(Map.of("ferry.outbox.kafka.bootstrap-servers", "k1:9092",
                        "ferry.outbox.kafka.properties.acks", "1"))));
        assertTrue(e.getMessage().startsWith("Ferry Kafka publisher configuration ferry.outbox.kafka.properties.acks"
                + " = '1': Kafka property acks=1 is not allowed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KafkaPublisherFactory.read(config(Map.of(
                "ferry.outbox.kafka.bootstrap-servers", "k1:9092", "ferry.outbox.kafka.delivery-timeout", "5s"))));
        assertTrue(e.getMessage().startsWith("Ferry Kafka publisher configuration"
                + " ferry.outbox.kafka.delivery-timeout = '5s', ferry.outbox.kafka.request-timeout (not set: the"
                + " default): Kafka deliveryTimeout (5000 ms) must be at least"), e.getMessage());
    }

    @Test
    void aMissingClientLibraryNamesTheArtifactToAdd() throws Exception {
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ClientLibrary.KAFKA.require(bare));
            assertTrue(e.getMessage().startsWith("ferry.outbox.publisher=kafka needs org.apache.kafka:kafka-clients,"
                    + " which is not on the application's class path"), e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> ClientLibrary.RABBITMQ.require(bare));
            assertTrue(e.getMessage().contains("add com.rabbitmq:amqp-client to the application"), e.getMessage());
        }
        ClientLibrary.KAFKA.require(getClass().getClassLoader());
        ClientLibrary.RABBITMQ.require(getClass().getClassLoader());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    /** A configuration of the given keys, which it also lists (as a properties file does). */
    static FerryConfig config(Map<String, String> values) {
        return new FerryConfig() {
            @Override
            public Optional<String> raw(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public SortedSet<String> keysStartingWith(String prefix) {
                SortedSet<String> keys = new TreeSet<>();
                values.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
                return keys;
            }
        };
    }
}
