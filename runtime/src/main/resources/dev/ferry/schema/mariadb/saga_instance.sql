-- Ferry saga instances, MariaDB 10.6+ / MySQL 8+. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
CREATE TABLE ${table} (
    seq             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    id              CHAR(36)      NOT NULL,
    saga_name       VARCHAR(200)  NOT NULL,
    definition_version INT        NOT NULL DEFAULT 1,
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
    UNIQUE KEY ${table_name}_id (id),
    UNIQUE KEY ${table_name}_key (saga_name, idempotency_key),
    KEY ${table_name}_due (next_run_at),
    KEY ${table_name}_status (status, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
