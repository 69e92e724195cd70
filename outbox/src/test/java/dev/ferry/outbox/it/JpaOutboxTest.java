package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** An EclipseLink JTA persistence unit in Java SE: the entity and the outbox message share one transaction. */
class JpaOutboxTest {

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void entityAndMessageCommitAndRollBackTogether(TestDatabase database) throws Exception {
        try (OutboxFixture fx = new OutboxFixture(database, "jpa")) {
            fx.execute("CREATE TABLE purchase_order (id VARCHAR(36) PRIMARY KEY, totalcents BIGINT NOT NULL)");
            OutboxEngine engine = fx.engine(fx.settings().build(), new InProcessPublisher(m -> { }));
            EntityManagerFactory emf = Persistence.createEntityManagerFactory("ferry-test",
                    Map.of("jakarta.persistence.jtaDataSource", fx.env.dataSource()));
            try {
                placeOrder(fx, emf, engine, "o-1", false);
                assertEquals(1, fx.count("SELECT COUNT(*) FROM purchase_order"));
                assertEquals(1, fx.count("SELECT COUNT(*) FROM outbox"));

                placeOrder(fx, emf, engine, "o-2", true);
                assertEquals(1, fx.count("SELECT COUNT(*) FROM purchase_order"), "the entity rolled back");
                assertEquals(1, fx.count("SELECT COUNT(*) FROM outbox"), "the message rolled back with it");
            } finally {
                emf.close();
            }
        }
    }

    private static void placeOrder(OutboxFixture fx, EntityManagerFactory emf, OutboxEngine engine, String id,
                                   boolean rollback) throws Exception {
        fx.env.userTransaction().begin();
        EntityManager em = emf.createEntityManager(); // joins the active JTA transaction
        try {
            em.persist(new PurchaseOrder(id, 4200));
            engine.outbox().publish("orders", id, Map.of("orderId", id));
            em.flush();
        } finally {
            em.close();
        }
        if (rollback) {
            fx.env.userTransaction().rollback();
        } else {
            fx.env.userTransaction().commit();
        }
    }
}
