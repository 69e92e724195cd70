-- Ferry outbox table, MariaDB 10.6+ / MySQL 8+. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
CREATE TABLE ${table} (
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
    UNIQUE KEY ${table_name}_id (id),
    KEY ${table_name}_key (msg_key, seq),
    KEY ${table_name}_status (status, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
