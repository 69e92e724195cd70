-- Ferry saga step log, SQL Server 2017+. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
CREATE TABLE ${table} (
    seq           BIGINT IDENTITY(1,1) PRIMARY KEY,
    saga_id       VARCHAR(36)    NOT NULL,
    step_name     NVARCHAR(200)  NOT NULL,
    outcome       VARCHAR(30)    NOT NULL,
    attempt       INT            NOT NULL,
    recorded_at   DATETIME2(6)   NOT NULL,
    error_message NVARCHAR(2000),
    actor         NVARCHAR(200)
);
CREATE INDEX ${table_name}_saga ON ${table} (saga_id, seq);
