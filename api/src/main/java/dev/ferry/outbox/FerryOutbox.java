package dev.ferry.outbox;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Objects;

/**
 * Chooses a named outbox in a Jakarta EE server: {@code @Inject @FerryOutbox("billing") Outbox} writes to the
 * outbox configured under {@code ferry.outboxes.billing.*} (its own JTA data source, schema, table, publisher and
 * relay), while an unqualified {@code @Inject Outbox} stays the default outbox of {@code ferry.datasource} and
 * {@code ferry.outbox.*}. {@link OutboxAdmin} is injected the same way.
 *
 * <pre>{@code
 * @Stateless
 * public class CheckoutService {
 *     @Inject Outbox orders;                              // ferry.datasource, ferry.outbox.*
 *     @Inject @FerryOutbox("billing") Outbox billing;     // ferry.outboxes.billing.*
 *
 *     public void checkout(String orderId) {              // one JTA transaction, both databases (XA)
 *         orders.publish(OutboxMessage.builder("orders").key(orderId).jsonPayload("{}").build());
 *         billing.publish(OutboxMessage.builder("invoices").key(orderId).jsonPayload("{}").build());
 *     }
 * }
 * }</pre>
 *
 * <p>A name is 1 to 40 of {@code a-z}, {@code 0-9}, {@code _} and {@code -}, starting with a letter. Injecting a
 * name whose {@code ferry.outboxes.<name>.datasource} is not set fails the deployment, naming the keys to set. The
 * cdi-event publisher of a named outbox fires its messages with this qualifier, so an observer can tell the
 * outboxes apart: {@code void onBilling(@Observes @FerryOutbox("billing") OutgoingMessage m)}.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({METHOD, FIELD, PARAMETER, TYPE})
public @interface FerryOutbox {

    /** @return the outbox's name, as in {@code ferry.outboxes.<name>.datasource} */
    String value();

    /** The qualifier as a value, for {@code Instance.select(...)}, {@code CDI.current().select(...)} and events. */
    final class Literal extends AnnotationLiteral<FerryOutbox> implements FerryOutbox {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /**
         * @param name the outbox's name
         * @return the qualifier naming it
         */
        public static Literal of(String name) {
            return new Literal(Objects.requireNonNull(name, "name"));
        }

        @Override
        public String value() {
            return value;
        }
    }
}
