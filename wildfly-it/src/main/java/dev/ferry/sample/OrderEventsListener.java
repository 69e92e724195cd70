package dev.ferry.sample;

import jakarta.ejb.EJB;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Consumes the order events the outbox published to the {@code orders} queue. It is a
 * message-driven bean on WildFly, declared in {@code WEB-INF/jboss-ejb3.xml} so that the same WAR
 * also deploys on servers without a JMS broker (Payara Micro). It runs without a transaction, and
 * {@link ReceivedEvents} records each message in a database transaction of its own through Ferry's
 * inbox, so a redelivered message is recorded once and no XA transaction spans the broker and the
 * database.
 */
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OrderEventsListener implements MessageListener {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

    @EJB
    ReceivedEvents received;

    @Override
    public void onMessage(Message message) {
        try {
            String body = message instanceof TextMessage text ? text.getText() : "";
            Matcher m = ORDER_ID.matcher(body);
            received.recordJms(message, m.find() ? m.group(1) : null);
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot read an order event: " + e.getMessage(), e);
        }
    }
}
