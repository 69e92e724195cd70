-- Ferry saga trace contexts, SQL Server 2017+. Placeholders: ${table} (qualified name), ${table_name} (unqualified).
-- The W3C trace context a saga was started in (only with OpenTelemetry on): its steps' spans join that trace.
CREATE TABLE ${table} (
    saga_id     VARCHAR(36)    NOT NULL PRIMARY KEY,
    traceparent VARCHAR(100)   NOT NULL,
    tracestate  VARCHAR(512)
);
