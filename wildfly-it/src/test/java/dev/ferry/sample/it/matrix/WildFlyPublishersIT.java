package dev.ferry.sample.it.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.BuiltinExchangeType;
import dev.ferry.outbox.it.KafkaBroker;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.ferry.runtime.testing.Await;
import dev.ferry.sample.it.matrix.AppServer.Pool;
import dev.ferry.sample.it.matrix.publishers.PublishApplication;
import dev.ferry.sample.it.matrix.sagasonly.GreetingSaga;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Publishers chosen by configuration in WildFly 35 (non-XA PostgreSQL pool, port offset 500): a WAR with
 * {@code ferry.outbox.publisher=rabbitmq} (the local RabbitMQ, its password from an environment variable through a
 * MicroProfile Config expression) and one with {@code kafka} (a broker this test runs in a child JVM) each write
 * messages through the outbox in container transactions, and every one arrives at the broker exactly once; a WAR
 * with sagas only and no publisher deploys, runs a saga, and reports its outbox "not used".
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyPublishersIT {

    private static final int PORT_OFFSET = 500;
    private static final int MESSAGES = 200;
    private static final String TOPIC = "pub-events";

    static Path workDir;
    static MatrixDatabase database;
    static WildFlyServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void startServer() throws Exception {
        workDir = Path.of(System.getProperty("ferry.matrix.dir")).resolve("publishers");
        database = new MatrixDatabase("ferry_pub_wildfly");
        database.recreate();
        ConnectionFactory rabbit = rabbit();
        server = new WildFlyServer(Pool.NON_XA, database.name, Integer.parseInt(MatrixDatabase.PORT), workDir,
                PORT_OFFSET).environment("FERRY_IT_RABBITMQ_PASSWORD", rabbit.getPassword());
        server.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (database != null) {
                database.drop();
            }
        }
    }

    @Test
    @Order(1)
    void rabbitMqByConfigurationDeliversEveryMessageOnce() throws Exception {
        ConnectionFactory rabbit = rabbit();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String exchange = "ferry.pub." + suffix;
        String queue = "ferry.pub.q." + suffix;
        try (Connection c = rabbit.newConnection("ferry-pub-setup"); Channel ch = c.createChannel()) {
            ch.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, true);
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueBind(queue, exchange, TOPIC); // routing key = the Ferry topic, as configured
        }
        Map<String, Integer> received = new ConcurrentHashMap<>();
        try (Connection c = rabbit.newConnection("ferry-pub-consumer")) {
            Channel ch = c.createChannel();
            ch.basicConsume(queue, false, (tag, delivery) -> {
                received.merge(delivery.getProperties().getMessageId(), 1, Integer::sum);
                ch.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            }, tag -> { });
            String config = """
                    ferry.create-tables=true
                    ferry.outbox.publisher=rabbitmq
                    ferry.outbox.rabbitmq.uri=amqp://%s:%d/%s
                    ferry.outbox.rabbitmq.username=%s
                    ferry.outbox.rabbitmq.password=${FERRY_IT_RABBITMQ_PASSWORD}
                    ferry.outbox.rabbitmq.exchange.%s=%s
                    ferry.outbox.rabbitmq.routing-key=topic
                    ferry.outbox.rabbitmq.confirm-timeout=10s
                    ferry.outbox.poll-interval=1s
                    """.formatted(rabbit.getHost(), rabbit.getPort(),
                    java.net.URLEncoder.encode(rabbit.getVirtualHost(), "UTF-8"), rabbit.getUsername(), TOPIC,
                    exchange);
            server.deploy("pub-rabbit", outboxWar("pub-rabbit", config, ConnectionFactory.class));
            try {
                List<String> written = write("pub-rabbit");
                assertDeliveredOnce("RabbitMQ", written, received);
            } finally {
                server.undeploy("pub-rabbit");
            }
        } finally {
            try (Connection c = rabbit.newConnection("ferry-pub-teardown"); Channel ch = c.createChannel()) {
                ch.queueDelete(queue);
                ch.exchangeDelete(exchange);
            }
        }
    }

    @Test
    @Order(2)
    void kafkaByConfigurationDeliversEveryMessageOnce() throws Exception {
        Path kafkaDir = Files.createDirectories(workDir.resolve("kafka-" + UUID.randomUUID()));
        try (KafkaBroker kafka = KafkaBroker.start(kafkaDir)) {
            String kafkaTopic = "shop.pub-events.v1";
            kafka.createTopic(kafkaTopic, 4);
            Map<String, Integer> received = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<String> problems = new ArrayList<>();
            Thread consumer = new Thread(() -> {
                try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                        kafka.bootstrapServers(), "key.deserializer", StringDeserializer.class.getName(),
                        "value.deserializer", ByteArrayDeserializer.class.getName(), "enable.auto.commit", "false",
                        "auto.offset.reset", "earliest"))) {
                    List<TopicPartition> partitions = c.partitionsFor(kafkaTopic).stream()
                            .map(p -> new TopicPartition(kafkaTopic, p.partition())).toList();
                    c.assign(partitions);
                    c.seekToBeginning(partitions);
                    while (!stop.get()) {
                        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                            Header id = r.headers().lastHeader("ferry-message-id");
                            received.merge(id == null ? "none" : new String(id.value(),
                                    java.nio.charset.StandardCharsets.UTF_8), 1, Integer::sum);
                        }
                    }
                } catch (RuntimeException e) {
                    synchronized (problems) {
                        problems.add(e.toString());
                    }
                }
            }, "pub-kafka-consumer");
            consumer.start();
            try {
                String config = """
                        ferry.create-tables=true
                        ferry.outbox.publisher=kafka
                        ferry.outbox.kafka.bootstrap-servers=%s
                        ferry.outbox.kafka.topic.%s=%s
                        ferry.outbox.kafka.delivery-timeout=20s
                        ferry.outbox.kafka.properties.client.id=ferry-pub-wildfly
                        ferry.outbox.poll-interval=1s
                        """.formatted(kafka.bootstrapServers(), TOPIC, kafkaTopic);
                server.deploy("pub-kafka", outboxWar("pub-kafka", config, KafkaProducer.class));
                try {
                    List<String> written = write("pub-kafka");
                    assertDeliveredOnce("Kafka", written, received);
                } finally {
                    server.undeploy("pub-kafka");
                }
            } finally {
                stop.set(true);
                consumer.join(10_000);
            }
            assertEquals(List.of(), problems, "Kafka consumer");
        }
    }

    @Test
    @Order(3)
    void sagasOnlyWithoutPublisherDeploysAndRunsASaga() throws Exception {
        long offset = Processes.size(server.log());
        WebArchive war = ShrinkWrap.create(WebArchive.class, "pub-sagas.war")
                .addPackage(GreetingSaga.class.getPackage())
                .addAsWebInfResource(new StringAsset(MatrixWars.BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset("ferry.create-tables=true\nferry.saga.poll-interval=1s\n"),
                        "META-INF/microprofile-config.properties");
        server.deploy("pub-sagas", export(MatrixWars.withFerry(war)));
        try {
            String log = Processes.readFrom(server.log(), offset);
            assertTrue(log.contains("Ferry outbox not started: this application injects no Outbox or OutboxAdmin"
                    + " and configures no publisher (ferry.outbox.publisher), so no relay runs"), log);
            String id = post(server.baseUrl() + "/pub-sagas/greetings?name=Ada").strip();
            Await.until(Duration.ofSeconds(60), "saga " + id + " COMPLETED",
                    () -> "COMPLETED".equals(get(server.baseUrl() + "/pub-sagas/greetings/" + id).strip()));
            String health = get("http://127.0.0.1:" + (9990 + PORT_OFFSET) + "/health/ready");
            assertTrue(health.matches("(?s).*\"name\"\\s*:\\s*\"ferry-outbox\".*"), health);
            assertTrue(health.matches("(?s).*\"state\"\\s*:\\s*\"not used\".*"), health);
        } finally {
            server.undeploy("pub-sagas");
        }
    }

    /** Writes the messages in transactions of 20 and returns their ids. */
    private static List<String> write(String war) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < MESSAGES; from += 20) {
            String body = post(server.baseUrl() + "/" + war + "/messages?topic=" + TOPIC + "&from=" + from
                    + "&count=20");
            ids.addAll(List.of(body.strip().split("\n")));
        }
        assertEquals(MESSAGES, ids.size(), "ids written");
        return ids;
    }

    /** Waits until every message arrived and the outbox table holds none, then counts each arrival. */
    private static void assertDeliveredOnce(String broker, List<String> written, Map<String, Integer> received)
            throws Exception {
        Await.until(Duration.ofSeconds(120), MESSAGES + " messages at " + broker,
                () -> received.keySet().containsAll(written));
        Await.until(Duration.ofSeconds(60), "the outbox table empty (delivered rows are deleted)", () -> {
            try {
                return database.count("SELECT COUNT(*) FROM ferry_outbox") == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Map<String, Integer> notOnce = new HashMap<>(received);
        notOnce.values().removeIf(n -> n == 1);
        assertEquals(Map.of(), notOnce, "messages " + broker + " received more than once");
        assertEquals(MESSAGES, received.size(), "distinct messages at " + broker);
        System.out.printf("[publishers] %s: %d messages written in WildFly, each received once%n", broker,
                received.size());
    }

    /** The publishers' WAR with Ferry's jars and the client library holding {@code clientClass}. */
    private static Path outboxWar(String name, String config, Class<?> clientClass) throws Exception {
        File client = new File(clientClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(PublishApplication.class.getPackage())
                .addAsWebInfResource(new StringAsset(MatrixWars.BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                .addAsLibrary(client);
        return export(MatrixWars.withFerry(war));
    }

    private static Path export(WebArchive war) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve("wars"));
        Path file = dir.resolve(war.getName());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    private static ConnectionFactory rabbit() throws Exception {
        String uri = System.getenv("FERRY_TEST_RABBITMQ_URI");
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(uri == null || uri.isBlank() ? "amqp://guest:guest@127.0.0.1:5672/%2F" : uri);
        f.setConnectionTimeout(5_000);
        try (Connection c = f.newConnection("ferry-pub-probe")) {
            assertTrue(c.isOpen());
        } catch (Exception e) {
            throw new AssertionError("RabbitMQ is not reachable at " + f.getHost() + ":" + f.getPort() + " (" + e
                    + "); start it or set FERRY_TEST_RABBITMQ_URI", e);
        }
        return f;
    }

    private static String post(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "POST " + url + ": " + r.body());
        return r.body();
    }

    private static String get(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (Exception e) {
            throw new IllegalStateException("GET " + url + ": " + e, e);
        }
    }
}
