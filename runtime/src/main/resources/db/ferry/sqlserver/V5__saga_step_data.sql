-- Ferry saga step data (V5), SQL Server.
-- Flyway layout: apply with Flyway (location classpath:db/ferry/sqlserver) or by hand, in order.
-- Placeholders (Flyway's syntax; set every one, see README "Migrations"):
--   ${schema_prefix}        '' for the connection's default schema, or the schema followed by a dot ('app.')
--   ${outbox_table}         default ferry_outbox
--   ${inbox_table}          default ferry_inbox
--   ${saga_instance_table}  default ferry_saga
--   ${saga_step_table}      default ferry_saga_step
--   ${saga_engine_table}    default ferry_saga_engine
--   ${saga_trace_table}     default ferry_saga_trace: always ${saga_instance_table} followed by _trace
--   ${outbox_audit_table}   default ferry_outbox_audit: always ${outbox_table} followed by _audit
-- Each statement touches one table; createTables(true) runs those of a missing table, in version order, and
-- adds the columns of this migration to an existing table that lacks them.
-- The saga's data (JSON) before and after each step-log entry that can change it (a step completed or
-- waiting for its reply, a compensation done, a step skipped by an operator): the operator console shows
-- them on a saga's timeline. Null for the other entries and for entries written before this migration.
ALTER TABLE ${schema_prefix}${saga_step_table} ADD data_before NVARCHAR(MAX);
ALTER TABLE ${schema_prefix}${saga_step_table} ADD data_after NVARCHAR(MAX);
