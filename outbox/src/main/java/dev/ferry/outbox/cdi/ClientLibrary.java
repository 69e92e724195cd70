package dev.ferry.outbox.cdi;

/**
 * A broker client library a publisher chosen by configuration needs, which the application must ship
 * (Ferry's dependencies on them are optional): checked before any of its classes is touched, so that a
 * missing one fails the deployment with the artifact to add rather than a {@code NoClassDefFoundError}.
 */
enum ClientLibrary {

    /** The Kafka producer. */
    KAFKA("kafka", "org.apache.kafka.clients.producer.KafkaProducer", "org.apache.kafka:kafka-clients"),
    /** The RabbitMQ (AMQP 0-9-1) client. */
    RABBITMQ("rabbitmq", "com.rabbitmq.client.ConnectionFactory", "com.rabbitmq:amqp-client");

    private final String publisher;
    private final String className;
    private final String artifact;

    ClientLibrary(String publisher, String className, String artifact) {
        this.publisher = publisher;
        this.className = className;
        this.artifact = artifact;
    }

    /** @return the Maven coordinates to add, {@code groupId:artifactId} */
    String artifact() {
        return artifact;
    }

    /**
     * @param loader the application's class loader (the one holding Ferry's jars)
     * @throws IllegalStateException naming the artifact to add when the client is not there
     */
    void require(ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("ferry.outbox.publisher=" + publisher + " needs " + artifact
                    + ", which is not on the application's class path (" + className + " is missing): add "
                    + artifact + " to the application (WEB-INF/lib of the WAR); see README, Publishing to brokers", e);
        }
    }
}
