-- Ferry saga instances, SQL Server 2017+. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
-- The idempotency key index is filtered: SQL Server treats NULLs as equal in unique indexes.
CREATE TABLE ${table} (
    seq             BIGINT IDENTITY(1,1) PRIMARY KEY,
    id              VARCHAR(36)    NOT NULL,
    saga_name       NVARCHAR(200)  NOT NULL,
    definition_version INT          NOT NULL DEFAULT 1,
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
CREATE UNIQUE INDEX ${table_name}_id ON ${table} (id);
CREATE UNIQUE INDEX ${table_name}_key ON ${table} (saga_name, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ${table_name}_due ON ${table} (next_run_at);
CREATE INDEX ${table_name}_status ON ${table} (status, seq);
