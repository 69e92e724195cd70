-- Ferry saga rows updated in place (V6), Oracle.
-- Flyway layout: apply with Flyway (location classpath:db/ferry/oracle) or by hand, in order.
-- Placeholders (Flyway's syntax; set every one, see README "Migrations"):
--   ${schema_prefix}        '' for the connection's default schema, or the schema followed by a dot ('app.')
--   ${outbox_table}         default ferry_outbox
--   ${inbox_table}          default ferry_inbox
--   ${saga_instance_table}  default ferry_saga
--   ${saga_step_table}      default ferry_saga_step
--   ${saga_engine_table}    default ferry_saga_engine
--   ${saga_trace_table}     default ferry_saga_trace: always ${saga_instance_table} followed by _trace
--   ${outbox_audit_table}   default ferry_outbox_audit: always ${outbox_table} followed by _audit
-- Each statement touches one table; createTables(true) runs those of a missing table, in version order, and
-- adds the columns of this migration to an existing table that lacks them.
-- settled_at: when the saga settled in a status no worker acts on (COMPLETED, COMPENSATED, CANCELLED,
-- PARKED, SUSPENDED), the same time as its updated_at then; null while it runs, waits or compensates.
-- It replaces updated_at in the index _updated, renamed _settled: a step's progress write changes
-- updated_at but no indexed column, so PostgreSQL can update the row in place (a HOT update, no new
-- index entries) and the other databases touch no secondary index. The retention purge and the
-- per-minute figures of settled sagas read _settled; the stuck filter reads the running sagas through
-- _status. Sagas settled before this migration get their updated_at.
ALTER TABLE ${schema_prefix}${saga_instance_table} ADD (settled_at TIMESTAMP(6));
UPDATE ${schema_prefix}${saga_instance_table} SET settled_at = updated_at WHERE status IN ('COMPLETED', 'COMPENSATED', 'CANCELLED', 'PARKED', 'SUSPENDED');
DROP INDEX ${schema_prefix}${saga_instance_table}_updated;
CREATE INDEX ${saga_instance_table}_settled ON ${schema_prefix}${saga_instance_table} (status, settled_at);
