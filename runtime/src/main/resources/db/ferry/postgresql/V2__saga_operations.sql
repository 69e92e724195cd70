-- Ferry saga operations (V2): definition versions, operator audit, saga queries and retention, PostgreSQL.
-- Flyway layout: apply with Flyway (location classpath:db/ferry/postgresql) or by hand, in order.
-- Placeholders (Flyway's syntax; set every one, see README "Migrations"):
--   ${schema_prefix}        '' for the connection's default schema, or the schema followed by a dot ('app.')
--   ${outbox_table}         default ferry_outbox
--   ${inbox_table}          default ferry_inbox
--   ${saga_instance_table}  default ferry_saga
--   ${saga_step_table}      default ferry_saga_step
--   ${saga_engine_table}    default ferry_saga_engine
-- Each statement touches one table; createTables(true) runs those of a missing table, V1 then V2.
-- definition_version: the version of the saga definition an instance runs on (instances started before
-- this migration ran on version 1). actor: who took an operator action (audit entries in the step log).
-- _name, _updated, _created: SagaCoordinator.query filters, the stuck filter and the retention purge.
ALTER TABLE ${schema_prefix}${saga_instance_table} ADD COLUMN definition_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ${schema_prefix}${saga_step_table} ADD COLUMN actor VARCHAR(200);
CREATE INDEX ${saga_instance_table}_name ON ${schema_prefix}${saga_instance_table} (saga_name, seq);
CREATE INDEX ${saga_instance_table}_updated ON ${schema_prefix}${saga_instance_table} (status, updated_at);
CREATE INDEX ${saga_instance_table}_created ON ${schema_prefix}${saga_instance_table} (created_at);
