-- Ferry tables as of version 1 (V1), MariaDB 10.6+ / MySQL 8+.
-- Flyway layout: apply with Flyway (location classpath:db/ferry/mariadb) or by hand, in order.
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
    seq          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    id           CHAR(36)      NOT NULL,
    topic        VARCHAR(255)  NOT NULL,
    msg_key      VARCHAR(255),
    msg_type     VARCHAR(255),
    content_type VARCHAR(100)  NOT NULL,
    payload      LONGBLOB,
    headers      LONGTEXT,
    status       VARCHAR(10)   NOT NULL,
    attempts     INT           NOT NULL DEFAULT 0,
    created_at   DATETIME(6)   NOT NULL,
    available_at DATETIME(6)   NOT NULL,
    delivered_at DATETIME(6),
    last_error   VARCHAR(2000),
    UNIQUE KEY ${outbox_table}_id (id),
    KEY ${outbox_table}_key (msg_key, seq),
    KEY ${outbox_table}_status (status, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- inbox
-- One row per message id received by a consumer; rows older than the retention are purged.
CREATE TABLE ${schema_prefix}${inbox_table} (
    seq          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    consumer     VARCHAR(100)  NOT NULL,
    message_id   VARCHAR(255)  NOT NULL,
    received_at  DATETIME(6)   NOT NULL,
    UNIQUE KEY ${inbox_table}_msg (consumer, message_id),
    KEY ${inbox_table}_received (received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- saga_instance
CREATE TABLE ${schema_prefix}${saga_instance_table} (
    seq             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    id              CHAR(36)      NOT NULL,
    saga_name       VARCHAR(200)  NOT NULL,
    idempotency_key VARCHAR(200),
    status          VARCHAR(20)   NOT NULL,
    current_step    VARCHAR(200),
    attempts        INT           NOT NULL DEFAULT 0,
    saga_data       LONGTEXT,
    row_version     BIGINT        NOT NULL DEFAULT 0,
    deadline_at     DATETIME(6),
    next_run_at     DATETIME(6),
    lease_owner     VARCHAR(100),
    lease_until     DATETIME(6),
    created_at      DATETIME(6)   NOT NULL,
    updated_at      DATETIME(6)   NOT NULL,
    last_error      VARCHAR(2000),
    UNIQUE KEY ${saga_instance_table}_id (id),
    UNIQUE KEY ${saga_instance_table}_key (saga_name, idempotency_key),
    KEY ${saga_instance_table}_due (next_run_at),
    KEY ${saga_instance_table}_status (status, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- saga_step
CREATE TABLE ${schema_prefix}${saga_step_table} (
    seq           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    saga_id       CHAR(36)      NOT NULL,
    step_name     VARCHAR(200)  NOT NULL,
    outcome       VARCHAR(30)   NOT NULL,
    attempt       INT           NOT NULL,
    recorded_at   DATETIME(6)   NOT NULL,
    error_message VARCHAR(2000),
    KEY ${saga_step_table}_saga (saga_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- saga_engine
-- One row per engine identity (workerId): the incarnation that holds it and its last heartbeat.
CREATE TABLE ${schema_prefix}${saga_engine_table} (
    engine_id    VARCHAR(100)  NOT NULL PRIMARY KEY,
    incarnation  CHAR(36)      NOT NULL,
    started_at   DATETIME(6)   NOT NULL,
    heartbeat_at DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
