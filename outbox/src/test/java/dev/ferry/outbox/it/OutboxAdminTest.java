package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.outbox.DeadMessage;
import dev.ferry.outbox.DeadMessagePage;
import dev.ferry.outbox.OutboxAction;
import dev.ferry.outbox.OutboxAdmin;
import dev.ferry.outbox.OutboxAuditEntry;
import dev.ferry.outbox.OutboxAuditPage;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import jakarta.transaction.UserTransaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** OutboxAdmin on real databases: cursor pages of dead messages, and actions in the caller's transaction. */
class OutboxAdminTest {

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void deadMessagesArePagedByCursorWithPayloadAndHeaders(TestDatabase database) throws Exception {
        try (OutboxFixture f = new OutboxFixture(database, "outbox_admin_pages")) {
            OutboxEngine engine = writeOnlyEngine(f);
            List<UUID> written = deadMessages(f, engine, 25);
            OutboxAdmin admin = engine.admin();

            List<DeadMessage> seen = new ArrayList<>();
            DeadMessagePage page = admin.deadMessages(10, null);
            int pages = 1;
            seen.addAll(page.items());
            while (page.nextCursor().isPresent()) {
                page = admin.deadMessages(10, page.nextCursor().get());
                seen.addAll(page.items());
                pages++;
            }
            assertEquals(3, pages);
            assertEquals(written, seen.stream().map(DeadMessage::id).toList(), "each once, in write order");
            DeadMessage third = seen.get(2);
            assertArrayEquals("{\"n\":2}".getBytes(StandardCharsets.UTF_8), third.payload());
            assertEquals(Map.of("h", "v2"), third.headers());
            assertEquals("application/json", third.contentType());
            assertEquals("k2", third.key());
            assertEquals(10, admin.deadMessages(10).size());
            assertThrows(IllegalArgumentException.class, () -> admin.deadMessages(10, "bogus"));
            assertThrows(IllegalArgumentException.class, () -> admin.deadMessages(0, null));
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void actionsJoinTheCallersTransactionAndItsRollbackUndoesThem(TestDatabase database) throws Exception {
        try (OutboxFixture f = new OutboxFixture(database, "outbox_admin_tx")) {
            OutboxEngine engine = writeOnlyEngine(f);
            List<UUID> ids = deadMessages(f, engine, 5);
            OutboxAdmin admin = engine.admin();
            UserTransaction ut = f.env.userTransaction();

            ut.begin();
            assertTrue(admin.replay(ids.get(0)));
            assertTrue(admin.discard(ids.get(1)));
            assertEquals(3, admin.deadMessages(10, null).items().size(), "the transaction sees its own actions");
            assertEquals(1, admin.pendingCount());
            ut.rollback();
            assertEquals(ids, admin.deadMessages(10, null).items().stream().map(DeadMessage::id).toList(),
                    "the rollback undid both");
            assertEquals(0, admin.pendingCount());

            ut.begin();
            assertEquals(5, admin.replayAll());
            ut.rollback();
            assertEquals(5, admin.deadMessages(10).size());

            ut.begin();
            assertTrue(admin.discard(ids.get(1)));
            ut.commit();
            assertTrue(admin.replay(ids.get(0)), "without a transaction: its own");
            assertFalse(admin.discard(ids.get(1)), "discarded for good");
            assertEquals(new HashSet<>(ids.subList(2, 5)),
                    new HashSet<>(admin.deadMessages(10).stream().map(DeadMessage::id).toList()));
            assertEquals(1, admin.pendingCount());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void replaysAndDiscardsAreAuditedWithActorAndReasonAndRollBackWithTheirTransaction(TestDatabase database)
            throws Exception {
        try (OutboxFixture f = new OutboxFixture(database, "outbox_admin_audit")) {
            OutboxEngine engine = writeOnlyEngine(f);
            List<UUID> ids = deadMessages(f, engine, 4);
            f.execute("UPDATE " + f.schema.schema() + ".outbox SET topic = 'other' WHERE msg_key IN ('k2', 'k3')");
            OutboxAdmin alice = engine.admin().withActor("alice");

            assertEquals(List.of(ids.get(2), ids.get(3)),
                    alice.deadMessages(10, null, "other", null).items().stream().map(DeadMessage::id).toList());
            assertEquals(List.of(ids.get(3)),
                    alice.deadMessages(10, null, "other", "k3").items().stream().map(DeadMessage::id).toList());

            UserTransaction ut = f.env.userTransaction();
            ut.begin();
            assertTrue(alice.replay(ids.get(0), "rolled back"));
            ut.rollback();
            assertTrue(alice.audit(10, null).items().isEmpty(), "the audit entry rolled back with the replay");

            assertTrue(alice.replay(ids.get(0), "broker fixed"));
            assertTrue(alice.discard(ids.get(1), "test message"));
            assertEquals(2, alice.replayTopic("other", "consumer deployed"));
            assertEquals(0, engine.admin().replayAll());

            List<OutboxAuditEntry> audit = alice.audit(10, null).items();
            assertEquals(List.of(OutboxAction.REPLAYED_ALL, OutboxAction.REPLAYED_TOPIC, OutboxAction.DISCARDED,
                    OutboxAction.REPLAYED), audit.stream().map(OutboxAuditEntry::action).toList(), "newest first");
            OutboxAuditEntry replayed = audit.get(3);
            assertEquals(ids.get(0), replayed.messageId());
            assertEquals("t", replayed.topic());
            assertEquals("alice", replayed.actor());
            assertEquals("broker fixed", replayed.reason());
            assertEquals(1, replayed.affected());
            assertEquals("other", audit.get(1).topic());
            assertEquals(2, audit.get(1).affected());
            assertEquals("anonymous", audit.get(0).actor());
            assertEquals(0, audit.get(0).affected());

            OutboxAuditPage first = alice.audit(3, null);
            assertEquals(3, first.items().size());
            OutboxAuditPage second = alice.audit(3, first.nextCursor().orElseThrow());
            assertEquals(List.of(OutboxAction.REPLAYED), second.items().stream().map(OutboxAuditEntry::action)
                    .toList());
            assertTrue(second.nextCursor().isEmpty());
            assertThrows(IllegalArgumentException.class, () -> alice.withActor(" "));
            assertThrows(IllegalArgumentException.class, () -> alice.replayTopic("", "why"));
        }
    }

    private static OutboxEngine writeOnlyEngine(OutboxFixture f) {
        return OutboxEngine.builder().environment(f.env).settings(f.settings().build()).createTables(true).build();
    }

    /** Writes messages and marks them dead, as the relay does after the last attempt. */
    private static List<UUID> deadMessages(OutboxFixture f, OutboxEngine engine, int n) throws Exception {
        List<UUID> ids = f.inTransaction(() -> {
            List<UUID> written = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                written.add(engine.outbox().publish(OutboxMessage.builder("t").key("k" + i).header("h", "v" + i)
                        .jsonPayload("{\"n\":" + i + "}").build()));
            }
            return written;
        });
        f.execute("UPDATE " + f.schema.schema() + ".outbox SET status = 'DEAD', attempts = 3, last_error = 'gave up'");
        return ids;
    }
}
