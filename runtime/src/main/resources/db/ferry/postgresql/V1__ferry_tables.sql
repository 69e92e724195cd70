-- Ferry tables as of version 1 (V1), PostgreSQL.
-- Flyway layout: apply with Flyway (location classpath:db/ferry/postgresql) or by hand, in order.
-- Placeholders (Flyway's syntax; set every one, see README "Migrations"):
--   ${schema_prefix}        '' for the connection's default schema, or the schema followed by a dot ('app.')
--   ${outbox_table}         default ferry_outbox
--   ${inbox_table}          default ferry_inbox
--   ${saga_instance_table}  default ferry_saga
--   ${saga_step_table}      default ferry_saga_step
--   ${saga_engine_table}    default ferry_saga_engine
-- Each statement touches one table; createTables(true) runs those of a missing table, V1 then V2.

-- outbox
CREATE TABLE ${schema_prefix}${outbox_table} (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           VARCHAR(36)   NOT NULL,
    topic        VARCHAR(255)  NOT NULL,
    msg_key      VARCHAR(255),
    msg_type     VARCHAR(255),
    content_type VARCHAR(100)  NOT NULL,
    payload      BYTEA,
    headers      TEXT,
    status       VARCHAR(10)   NOT NULL,
    attempts     INTEGER       NOT NULL DEFAULT 0,
    created_at   TIMESTAMP(6)  NOT NULL,
    available_at TIMESTAMP(6)  NOT NULL,
    delivered_at TIMESTAMP(6),
    last_error   VARCHAR(2000)
) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01);
-- No index on id: messages are looked up by id only when dead (replay, discard), through _dead; one
-- index fewer to maintain on every write. Partial indexes: small, ordered, and chosen by the planner
-- even before the table has statistics.
CREATE INDEX ${outbox_table}_pending ON ${schema_prefix}${outbox_table} (seq) WHERE status = 'PENDING';
CREATE INDEX ${outbox_table}_key ON ${schema_prefix}${outbox_table} (msg_key, seq) WHERE status IN ('PENDING', 'DEAD');
CREATE INDEX ${outbox_table}_dead ON ${schema_prefix}${outbox_table} (seq) WHERE status = 'DEAD';
CREATE INDEX ${outbox_table}_delivered ON ${schema_prefix}${outbox_table} (seq) WHERE status = 'DELIVERED';

-- inbox
-- One row per message id received by a consumer; rows older than the retention are purged.
CREATE TABLE ${schema_prefix}${inbox_table} (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer     VARCHAR(100)  NOT NULL,
    message_id   VARCHAR(255)  NOT NULL,
    received_at  TIMESTAMP(6)  NOT NULL
);
CREATE UNIQUE INDEX ${inbox_table}_msg ON ${schema_prefix}${inbox_table} (consumer, message_id);
CREATE INDEX ${inbox_table}_received ON ${schema_prefix}${inbox_table} (received_at);

-- saga_instance
CREATE TABLE ${schema_prefix}${saga_instance_table} (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              VARCHAR(36)   NOT NULL,
    saga_name       VARCHAR(200)  NOT NULL,
    idempotency_key VARCHAR(200),
    status          VARCHAR(20)   NOT NULL,
    current_step    VARCHAR(200),
    attempts        INTEGER       NOT NULL DEFAULT 0,
    saga_data       TEXT,
    row_version     BIGINT        NOT NULL DEFAULT 0,
    deadline_at     TIMESTAMP(6),
    next_run_at     TIMESTAMP(6),
    lease_owner     VARCHAR(100),
    lease_until     TIMESTAMP(6),
    created_at      TIMESTAMP(6)  NOT NULL,
    updated_at      TIMESTAMP(6)  NOT NULL,
    last_error      VARCHAR(2000)
);
CREATE UNIQUE INDEX ${saga_instance_table}_id ON ${schema_prefix}${saga_instance_table} (id);
CREATE UNIQUE INDEX ${saga_instance_table}_key ON ${schema_prefix}${saga_instance_table} (saga_name, idempotency_key);
CREATE INDEX ${saga_instance_table}_due ON ${schema_prefix}${saga_instance_table} (next_run_at);
CREATE INDEX ${saga_instance_table}_status ON ${schema_prefix}${saga_instance_table} (status, seq);

-- saga_step
CREATE TABLE ${schema_prefix}${saga_step_table} (
    seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    saga_id       VARCHAR(36)   NOT NULL,
    step_name     VARCHAR(200)  NOT NULL,
    outcome       VARCHAR(30)   NOT NULL,
    attempt       INTEGER       NOT NULL,
    recorded_at   TIMESTAMP(6)  NOT NULL,
    error_message VARCHAR(2000)
);
CREATE INDEX ${saga_step_table}_saga ON ${schema_prefix}${saga_step_table} (saga_id, seq);

-- saga_engine
-- One row per engine identity (workerId): the incarnation that holds it and its last heartbeat.
CREATE TABLE ${schema_prefix}${saga_engine_table} (
    engine_id    VARCHAR(100)  NOT NULL PRIMARY KEY,
    incarnation  VARCHAR(36)   NOT NULL,
    started_at   TIMESTAMP(6)  NOT NULL,
    heartbeat_at TIMESTAMP(6)
);
