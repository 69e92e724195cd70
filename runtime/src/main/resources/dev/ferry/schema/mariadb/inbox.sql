-- Ferry inbox table (idempotent receiving), MariaDB 10.6+ / MySQL 8+. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
-- One row per message id received by a consumer; rows older than the retention are purged.
CREATE TABLE ${table} (
    seq          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    consumer     VARCHAR(100)  NOT NULL,
    message_id   VARCHAR(255)  NOT NULL,
    received_at  DATETIME(6)   NOT NULL,
    UNIQUE KEY ${table_name}_msg (consumer, message_id),
    KEY ${table_name}_received (received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
