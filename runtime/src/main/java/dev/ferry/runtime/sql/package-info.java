/**
 * What differs between databases: one {@link SqlDialect} per database, detected from the data
 * source, with checked identifiers and table names.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 * {@code EngineBuilder.dialect} accepts a dialect and the settings classes return
 * {@link TableName}, but these types' methods may change.
 */
package dev.ferry.runtime.sql;
