-- Ferry outbox audit (V4), PostgreSQL.
-- Flyway layout: apply with Flyway (location classpath:db/ferry/postgresql) or by hand, in order.
-- Placeholders (Flyway's syntax; set every one, see README "Migrations"):
--   ${schema_prefix}        '' for the connection's default schema, or the schema followed by a dot ('app.')
--   ${outbox_table}         default ferry_outbox
--   ${inbox_table}          default ferry_inbox
--   ${saga_instance_table}  default ferry_saga
--   ${saga_step_table}      default ferry_saga_step
--   ${saga_engine_table}    default ferry_saga_engine
--   ${saga_trace_table}     default ferry_saga_trace: always ${saga_instance_table} followed by _trace
--   ${outbox_audit_table}   default ferry_outbox_audit: always ${outbox_table} followed by _audit
-- Each statement touches one table; createTables(true) runs those of a missing table, in version order.
-- The audit entries of OutboxAdmin's actions (replay, discard, replay of a topic or of all): what, who, why,
-- when, written in the action's transaction.
CREATE TABLE ${schema_prefix}${outbox_audit_table} (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action       VARCHAR(20)   NOT NULL,
    message_id   VARCHAR(36),
    topic        VARCHAR(255),
    affected     INTEGER       NOT NULL,
    actor        VARCHAR(200)  NOT NULL,
    reason       VARCHAR(2000),
    recorded_at  TIMESTAMP(6)  NOT NULL
);
