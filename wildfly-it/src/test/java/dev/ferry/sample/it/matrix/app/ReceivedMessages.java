package dev.ferry.sample.it.matrix.app;

import dev.ferry.inbox.Inbox;
import dev.ferry.outbox.spi.OutgoingMessage;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Records each received message once per message id, through Ferry's inbox, in a transaction of its own. */
@Stateless
public class ReceivedMessages {

    @PersistenceContext
    EntityManager em;

    @Inject
    Inbox inbox;

    /**
     * @param message a delivered message
     * @return whether it was new (a redelivery records nothing)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean record(OutgoingMessage message) {
        return inbox.receive(message.id(),
                () -> em.persist(new ReceivedMessage(message.id().toString(), message.key(), message.type())));
    }
}
