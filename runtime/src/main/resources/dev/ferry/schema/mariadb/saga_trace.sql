-- Ferry saga trace contexts, MariaDB 10.6+ / MySQL 8+. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
-- The W3C trace context a saga was started in (only with OpenTelemetry on): its steps' spans join that trace.
CREATE TABLE ${table} (
    saga_id     CHAR(36)      NOT NULL PRIMARY KEY,
    traceparent VARCHAR(100)  NOT NULL,
    tracestate  VARCHAR(512)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
