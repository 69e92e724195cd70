-- Ferry saga engines, SQL Server 2017+. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
-- One row per engine identity (workerId): the incarnation that holds it and its last heartbeat.
CREATE TABLE ${table} (
    engine_id    NVARCHAR(100)  NOT NULL PRIMARY KEY,
    incarnation  VARCHAR(36)    NOT NULL,
    started_at   DATETIME2(6)   NOT NULL,
    heartbeat_at DATETIME2(6)
);
