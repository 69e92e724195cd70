package dev.ferry.outbox.publish.rabbitmq;

/**
 * RabbitMQ returned a mandatory message: no queue is bound for its exchange and routing key. The
 * message fails and is retried (and goes dead after its attempts), rather than being dropped.
 */
public final class UnroutableMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int replyCode;

    /**
     * @param replyCode RabbitMQ's reply code (312 NO_ROUTE)
     * @param replyText RabbitMQ's reply text
     * @param exchange the exchange
     * @param routingKey the routing key
     */
    public UnroutableMessageException(int replyCode, String replyText, String exchange, String routingKey) {
        super("RabbitMQ returned the message: " + replyCode + " " + replyText + " (exchange '" + exchange
                + "', routing key '" + routingKey + "'): no queue is bound for it");
        this.replyCode = replyCode;
    }

    /** @return RabbitMQ's reply code */
    public int replyCode() {
        return replyCode;
    }
}
