package dev.ferry.bench;

import dev.ferry.runtime.sql.MariaDbDialect;
import dev.ferry.runtime.sql.PostgresDialect;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.SqlIdentifier;
import java.util.Set;

/**
 * The database the benchmark runs on, and the little SQL that differs between them. PostgreSQL runs
 * every figure; MariaDB runs figures 1, 2 and 4 (relay throughput, latency, sagas) against its own
 * raw references. A PostgreSQL schema is a MariaDB database.
 */
enum BenchDatabase {

    /** Every scenario. */
    POSTGRESQL("PostgreSQL", BenchOptions.SCENARIOS, "seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"),
    /** Figures 1, 2 and 4, without the PostgreSQL-only DBOS peer. */
    MARIADB("MariaDB", Set.of("relay", "latency", "saga"), "seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY");

    private final String displayName;

    private final Set<String> scenarios;
    private final String identityKey;

    BenchDatabase(String displayName, Set<String> scenarios, String identityKey) {
        this.displayName = displayName;
        this.scenarios = scenarios;
        this.identityKey = identityKey;
    }

    /**
     * @param jdbcUrl {@code bench.jdbcUrl}
     * @return its database
     * @throws IllegalArgumentException for a database the benchmark does not run on
     */
    static BenchDatabase of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:mariadb:")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("bench.jdbcUrl must be a PostgreSQL (jdbc:postgresql:) or MariaDB"
                + " (jdbc:mariadb:) URL, was " + jdbcUrl);
    }

    /**
     * @param selected the scenarios {@code bench.only} selected
     * @throws IllegalArgumentException naming the scenarios this database runs, if one selected is not
     */
    void requireScenarios(Set<String> selected) {
        for (String s : selected) {
            if (!scenarios.contains(s)) {
                throw new IllegalArgumentException("On " + this + " the benchmark runs only the scenarios "
                        + String.join(",", scenarios.stream().sorted().toList()) + " (figures 1, 2 and 4), not '"
                        + s + "': set -Dbench.only=relay,latency,saga");
            }
        }
    }

    @Override
    public String toString() {
        return displayName;
    }

    /** @return Ferry's dialect of this database */
    SqlDialect ferryDialect() {
        return this == MARIADB ? new MariaDbDialect() : new PostgresDialect();
    }

    /** @return the column definition of a generated {@code BIGINT} primary key named {@code seq} */
    String identityKey() {
        return identityKey;
    }

    /** @return whether figure 4's DBOS Transact peer runs here (it is PostgreSQL-only) */
    boolean hasDbosPeer() {
        return this == POSTGRESQL;
    }

    /** @return the statements that drop the schema (a database on MariaDB) if it exists and create it empty */
    String[] freshSchema(String schema) {
        return new String[] {dropSchema(schema), (this == MARIADB ? "CREATE DATABASE " : "CREATE SCHEMA ") + schema};
    }

    /** @return the statement that drops the schema (a database on MariaDB) if it exists */
    String dropSchema(String schema) {
        SqlIdentifier.require("schema", schema);
        return this == MARIADB ? "DROP DATABASE IF EXISTS " + schema : "DROP SCHEMA IF EXISTS " + schema + " CASCADE";
    }
}
