-- Ferry tables as of version 1 (V1), SQL Server 2017+.
-- Flyway layout: apply with Flyway (location classpath:db/ferry/sqlserver) or by hand, in order.
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
    seq          BIGINT IDENTITY(1,1) PRIMARY KEY,
    id           VARCHAR(36)    NOT NULL,
    topic        NVARCHAR(255)  NOT NULL,
    msg_key      NVARCHAR(255),
    msg_type     NVARCHAR(255),
    content_type VARCHAR(100)   NOT NULL,
    payload      VARBINARY(MAX),
    headers      NVARCHAR(MAX),
    status       VARCHAR(10)    NOT NULL,
    attempts     INT            NOT NULL DEFAULT 0,
    created_at   DATETIME2(6)   NOT NULL,
    available_at DATETIME2(6)   NOT NULL,
    delivered_at DATETIME2(6),
    last_error   NVARCHAR(2000)
);
CREATE UNIQUE INDEX ${outbox_table}_id ON ${schema_prefix}${outbox_table} (id);
CREATE INDEX ${outbox_table}_pending ON ${schema_prefix}${outbox_table} (seq) WHERE status = 'PENDING';
CREATE INDEX ${outbox_table}_key ON ${schema_prefix}${outbox_table} (msg_key, seq) WHERE status IN ('PENDING', 'DEAD');
CREATE INDEX ${outbox_table}_status ON ${schema_prefix}${outbox_table} (status, seq);

-- inbox
-- One row per message id received by a consumer; rows older than the retention are purged.
CREATE TABLE ${schema_prefix}${inbox_table} (
    seq          BIGINT IDENTITY(1,1) PRIMARY KEY,
    consumer     NVARCHAR(100)  NOT NULL,
    message_id   NVARCHAR(255)  NOT NULL,
    received_at  DATETIME2(6)   NOT NULL
);
CREATE UNIQUE INDEX ${inbox_table}_msg ON ${schema_prefix}${inbox_table} (consumer, message_id);
CREATE INDEX ${inbox_table}_received ON ${schema_prefix}${inbox_table} (received_at);

-- saga_instance
-- The idempotency key index is filtered: SQL Server treats NULLs as equal in unique indexes.
CREATE TABLE ${schema_prefix}${saga_instance_table} (
    seq             BIGINT IDENTITY(1,1) PRIMARY KEY,
    id              VARCHAR(36)    NOT NULL,
    saga_name       NVARCHAR(200)  NOT NULL,
    idempotency_key NVARCHAR(200),
    status          VARCHAR(20)    NOT NULL,
    current_step    NVARCHAR(200),
    attempts        INT            NOT NULL DEFAULT 0,
    saga_data       NVARCHAR(MAX),
    row_version     BIGINT         NOT NULL DEFAULT 0,
    deadline_at     DATETIME2(6),
    next_run_at     DATETIME2(6),
    lease_owner     VARCHAR(100),
    lease_until     DATETIME2(6),
    created_at      DATETIME2(6)   NOT NULL,
    updated_at      DATETIME2(6)   NOT NULL,
    last_error      NVARCHAR(2000)
);
CREATE UNIQUE INDEX ${saga_instance_table}_id ON ${schema_prefix}${saga_instance_table} (id);
CREATE UNIQUE INDEX ${saga_instance_table}_key ON ${schema_prefix}${saga_instance_table} (saga_name, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ${saga_instance_table}_due ON ${schema_prefix}${saga_instance_table} (next_run_at);
CREATE INDEX ${saga_instance_table}_status ON ${schema_prefix}${saga_instance_table} (status, seq);

-- saga_step
CREATE TABLE ${schema_prefix}${saga_step_table} (
    seq           BIGINT IDENTITY(1,1) PRIMARY KEY,
    saga_id       VARCHAR(36)    NOT NULL,
    step_name     NVARCHAR(200)  NOT NULL,
    outcome       VARCHAR(30)    NOT NULL,
    attempt       INT            NOT NULL,
    recorded_at   DATETIME2(6)   NOT NULL,
    error_message NVARCHAR(2000)
);
CREATE INDEX ${saga_step_table}_saga ON ${schema_prefix}${saga_step_table} (saga_id, seq);

-- saga_engine
-- One row per engine identity (workerId): the incarnation that holds it and its last heartbeat.
CREATE TABLE ${schema_prefix}${saga_engine_table} (
    engine_id    NVARCHAR(100)  NOT NULL PRIMARY KEY,
    incarnation  VARCHAR(36)    NOT NULL,
    started_at   DATETIME2(6)   NOT NULL,
    heartbeat_at DATETIME2(6)
);
