-- Ferry saga engines, MariaDB 10.6+ / MySQL 8+. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
-- One row per engine identity (workerId): the incarnation that holds it and its last heartbeat.
CREATE TABLE ${table} (
    engine_id    VARCHAR(100)  NOT NULL PRIMARY KEY,
    incarnation  CHAR(36)      NOT NULL,
    started_at   DATETIME(6)   NOT NULL,
    heartbeat_at DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
