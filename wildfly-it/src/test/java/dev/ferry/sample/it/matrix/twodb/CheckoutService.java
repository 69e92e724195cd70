package dev.ferry.sample.it.matrix.twodb;

import dev.ferry.outbox.FerryOutbox;
import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxMessage;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One container transaction over two databases: a row and a message in the orders database (the default outbox)
 * and a row and a message in the billing database ({@code @FerryOutbox("billing")}), committed with two-phase commit.
 */
@Stateless
public class CheckoutService {

    @Inject
    Outbox orders;

    @Inject
    @FerryOutbox("billing")
    Outbox billing;

    @Resource(lookup = "java:jboss/datasources/FerryPostgres")
    DataSource ordersDb;

    @Resource(lookup = "java:jboss/datasources/FerryBilling")
    DataSource billingDb;

    @Resource(lookup = "java:/TransactionManager")
    TransactionManager transactionManager;

    /**
     * @param id the checkout's id: the rows' keys and the messages' keys
     * @param fail whether to fail after all four writes (the transaction rolls back)
     * @param haltInPhaseTwo whether to enlist, first, a resource whose commit halts this JVM: Narayana commits the
     *     resources in the order they were enlisted, so both databases' branches are prepared and none committed
     */
    public void checkout(String id, boolean fail, boolean haltInPhaseTwo) throws Exception {
        if (haltInPhaseTwo) {
            transactionManager.getTransaction().enlistResource(new HaltingXaResource());
        }
        insert(ordersDb, "INSERT INTO shop_order (id) VALUES (?)", id);
        orders.publish(OutboxMessage.builder("orders").key(id).type("OrderPlaced")
                .jsonPayload("{\"id\":\"" + id + "\"}").build());
        insert(billingDb, "INSERT INTO invoice (id) VALUES (?)", id);
        billing.publish(OutboxMessage.builder("invoices").key(id).type("InvoiceOpened")
                .jsonPayload("{\"id\":\"" + id + "\"}").build());
        if (fail) {
            throw new IllegalStateException("checkout " + id + " fails after its four writes, as asked");
        }
    }

    private static void insert(DataSource dataSource, String sql, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }
}
