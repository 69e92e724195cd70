-- Ferry saga step log, MariaDB 10.6+ / MySQL 8+. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
CREATE TABLE ${table} (
    seq           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    saga_id       CHAR(36)      NOT NULL,
    step_name     VARCHAR(200)  NOT NULL,
    outcome       VARCHAR(30)   NOT NULL,
    attempt       INT           NOT NULL,
    recorded_at   DATETIME(6)   NOT NULL,
    error_message VARCHAR(2000),
    actor         VARCHAR(200),
    KEY ${table_name}_saga (saga_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
