package dev.ferry.runtime.testing;

import dev.ferry.runtime.schema.SchemaScript;
import dev.ferry.runtime.sql.OracleDialect;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.SqlServerDialect;
import dev.ferry.runtime.sql.TableName;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.util.JSR310Utils;

/**
 * SQL Server and Oracle as far as H2's compatibility modes ({@code MODE=MSSQLServer},
 * {@code MODE=Oracle}) parse their SQL, so that the statements of {@link SqlServerDialect} and
 * {@link OracleDialect} are executed, not compared as strings. Nothing here is the real database: what H2
 * lacks is declared, once, in three lists, and each test asserts which entries it used, so none can grow
 * silently:
 * <ul>
 *   <li>{@link #standIns()}: functions H2 does not have, created as aliases with the real function's
 *       meaning (the database clock in UTC, an interval of seconds);</li>
 *   <li>{@link #rewrites()}: constructs H2 cannot parse, removed from the statement before it runs
 *       (lock hints, filtered indexes); the rest of the statement runs as built;</li>
 *   <li>{@link #skipped()}: statements H2 cannot run at all, not executed.</li>
 * </ul>
 * Each {@link Database} records the entries its statements needed ({@link Database#used()}). Beyond these
 * lists, H2 parses some constructs without their effect: in SQL Server mode it discards a {@code SELECT}'s
 * table hints ({@code WITH (UPDLOCK, READPAST, ROWLOCK)}), so a claim there locks nothing and skips nothing;
 * in Oracle mode {@code FOR UPDATE SKIP LOCKED} is H2's own, but where H2 sorts before it limits (the
 * statement's {@code maxRows}) it locks every row it sorted, not only those fetched as Oracle does. So
 * which rows a claim locks and skips is checked on the real databases only.
 */
public enum H2Compatibility {

    SQLSERVER(new SqlServerDialect(), "MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE",
            List.of("CREATE ALIAS SYSUTCDATETIME FOR '" + H2Compatibility.class.getName() + ".sysUtcDateTime'"),
            List.of(new Rewrite("filtered index: CREATE INDEX … WHERE … (created without its filter)",
                            "(?s)^(CREATE INDEX [^(]+\\([^)]*\\)) WHERE .*$", "$1"),
                    new Rewrite("DELETE TOP … WITH (READPAST, ROWLOCK)",
                            "^(DELETE TOP \\(\\d+\\) FROM \\S+) WITH \\(READPAST, ROWLOCK\\)", "$1"),
                    new Rewrite("MERGE INTO … WITH (HOLDLOCK)", "^(MERGE INTO \\S+) WITH \\(HOLDLOCK\\)", "$1"),
                    new Rewrite("DROP INDEX i ON schema.t (H2 looks for i in the default schema: named"
                            + " schema.i instead)", "^DROP INDEX (\\w+) ON (\\w+\\.)?\\w+$", "DROP INDEX $2$1")),
            List.of(new Skip("filtered unique index: CREATE UNIQUE INDEX … WHERE … (without the filter NULL keys"
                            + " would collide, as on SQL Server)", "(?s)^CREATE UNIQUE INDEX .*\\) WHERE .*"),
                    new Skip("createSchemaIfMissing: IF SCHEMA_ID(…) IS NULL EXEC('CREATE SCHEMA …')",
                            "^IF SCHEMA_ID.*"))),
    ORACLE(new OracleDialect(), "Oracle;DEFAULT_NULL_ORDERING=HIGH",
            List.of("CREATE ALIAS SYS_EXTRACT_UTC FOR '" + H2Compatibility.class.getName() + ".sysExtractUtc'",
                    "CREATE ALIAS NUMTODSINTERVAL FOR '" + H2Compatibility.class.getName() + ".numToDsInterval'"),
            List.of(),
            List.of(new Skip("function-based index: CREATE UNIQUE INDEX … (CASE WHEN … END, …)",
                            "(?s)^CREATE (UNIQUE )?INDEX [^(]+\\(CASE .*"),
                    new Skip("insertIgnoringDuplicate: MERGE … USING (SELECT ? AS … FROM dual) (H2 cannot type a"
                            + " parameter in the MERGE source)", "(?s)^MERGE INTO .* USING \\(SELECT \\? AS .*"),
                    new Skip("createSchemaIfMissing: DECLARE … BEGIN … all_users … END; (PL/SQL; Ferry does not"
                            + " create Oracle schemas, the block checks that it exists)", "(?s)^DECLARE .*")));

    /** A statement H2 cannot run, recognised by its text, with the reason in {@code statement}. */
    public record Skip(String statement, String regex) {
        private boolean matches(String sql) {
            return Pattern.compile(regex).matcher(sql).matches();
        }
    }

    /** A construct H2 cannot parse, removed from every statement that has it. */
    public record Rewrite(String construct, String regex, String replacement) {
        private Pattern pattern() {
            return Pattern.compile(regex);
        }
    }

    private static final AtomicLong DATABASES = new AtomicLong();

    private final SqlDialect dialect;
    private final String mode;
    private final List<String> standIns;
    private final List<Rewrite> rewrites;
    private final List<Skip> skipped;

    H2Compatibility(SqlDialect dialect, String mode, List<String> standIns, List<Rewrite> rewrites,
                    List<Skip> skipped) {
        this.dialect = dialect;
        this.mode = mode;
        this.standIns = standIns;
        this.rewrites = rewrites;
        this.skipped = skipped;
    }

    /** @return the real database's dialect, whose statements run on H2 */
    public SqlDialect dialect() {
        return dialect;
    }

    /** @return the aliases created in every database, standing in for functions H2 does not have */
    public List<String> standIns() {
        return standIns;
    }

    /** @return the constructs removed before a statement runs */
    public List<Rewrite> rewrites() {
        return rewrites;
    }

    /** @return the statements not executed on H2, and why */
    public List<String> skipped() {
        return skipped.stream().map(Skip::statement).toList();
    }

    /** @return every entry of {@link #rewrites()} and {@link #skipped()} */
    public Set<String> declared() {
        Set<String> declared = new TreeSet<>(skipped());
        rewrites.forEach(r -> declared.add(r.construct()));
        return declared;
    }

    /**
     * @param name part of the database's name
     * @return a new in-memory database in the mode, with the stand-in functions
     * @throws SQLException from H2
     */
    public Database newDatabase(String name) throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + "_" + name() + "_" + DATABASES.incrementAndGet() + ";MODE=" + mode
                + ";DB_CLOSE_DELAY=-1");
        try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
            for (String alias : standIns) {
                st.execute(alias);
            }
        }
        return new Database(h2);
    }

    /** An in-memory database in the mode, and the declared entries its statements needed so far. */
    public final class Database {

        private final DataSource dataSource;
        private final Set<String> used = new TreeSet<>();

        private Database(JdbcDataSource h2) {
            this.dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        Object result = invoke(h2, method, args);
                        return result instanceof Connection c ? adapting(c) : result;
                    });
        }

        /** @return its data source, whose connections rewrite every statement through {@link #adapt} */
        public DataSource dataSource() {
            return dataSource;
        }

        /** @return the entries of {@link #rewrites()} and {@link #skipped()} this database needed */
        public synchronized Set<String> used() {
            return new TreeSet<>(used);
        }

        /**
         * Runs a statement, or, where it is one of {@link #skipped()} and H2 refuses it, records that it
         * was not executed. A declared statement that H2 runs after all fails the test: the list only
         * shrinks.
         *
         * @param sql the statement as the dialect built it
         * @param run runs it
         * @return whether it ran
         * @throws SQLException when a statement not declared fails
         */
        public boolean executeOrSkip(String sql, SqlRun run) throws SQLException {
            Skip skip = skipped.stream().filter(k -> k.matches(sql)).findFirst().orElse(null);
            try {
                run.run();
            } catch (SQLException e) {
                if (skip == null) {
                    throw e;
                }
                synchronized (this) {
                    used.add(skip.statement());
                }
                return false;
            }
            if (skip != null) {
                throw new IllegalStateException("Declared as not executable on H2 (" + skip.statement()
                        + "), but it ran: " + sql);
            }
            return true;
        }

        /**
         * Creates a component's table from the dialect's own migrations, as {@code createTables} would,
         * each statement adapted or skipped as declared.
         *
         * @param component e.g. {@code outbox}, {@code saga_instance}
         * @param table the table
         * @throws SQLException from H2
         */
        public void createTable(String component, TableName table) throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                if (table.schema() != null) {
                    String create = dialect.createSchemaIfMissing(table.schema());
                    executeOrSkip(create, () -> st.execute(create));
                    st.execute("CREATE SCHEMA IF NOT EXISTS " + table.schema());
                }
                for (String sql : SchemaScript.load(dialect, component).statements(table)) {
                    executeOrSkip(sql, () -> st.execute(sql));
                }
            }
        }

        /**
         * @param sql a statement as the dialect built it
         * @return it without the constructs of {@link #rewrites()}
         */
        public synchronized String adapt(String sql) {
            String adapted = sql;
            for (Rewrite r : rewrites) {
                String next = r.pattern().matcher(adapted).replaceFirst(r.replacement());
                if (!next.equals(adapted)) {
                    used.add(r.construct());
                    adapted = next;
                }
            }
            return adapted;
        }

        private Connection adapting(Connection c) {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        adaptFirst(method.getName().startsWith("prepare") || method.getName().equals("nativeSQL"),
                                args);
                        Object result = invoke(c, method, args);
                        return result instanceof Statement s && method.getName().equals("createStatement")
                                ? adapting(s) : result;
                    });
        }

        private Statement adapting(Statement s) {
            return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                        adaptFirst(method.getName().startsWith("execute") || method.getName().equals("addBatch"),
                                args);
                        return invoke(s, method, args);
                    });
        }

        private void adaptFirst(boolean takesSql, Object[] args) {
            if (takesSql && args != null && args.length > 0 && args[0] instanceof String sql) {
                args[0] = adapt(sql);
            }
        }
    }

    /** A statement's execution. */
    @FunctionalInterface
    public interface SqlRun {
        /** @throws SQLException from H2 */
        void run() throws SQLException;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * SQL Server's {@code SYSUTCDATETIME()}: the time the statement started (H2's
     * {@code CURRENT_TIMESTAMP}, the same everywhere in one statement) in UTC, to the microsecond.
     *
     * @param c the calling connection
     * @return the time
     * @throws SQLException from H2
     */
    public static LocalDateTime sysUtcDateTime(Connection c) throws SQLException {
        SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
        return JSR310Utils.valueToOffsetDateTime(session.currentTimestamp(), session)
                .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Oracle's {@code SYS_EXTRACT_UTC}.
     *
     * @param time a time with its offset
     * @return it in UTC, without offset
     */
    public static LocalDateTime sysExtractUtc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    /**
     * Oracle's {@code NUMTODSINTERVAL}, for the unit {@code SECOND} only (the one Ferry uses).
     *
     * @param amount seconds, with a fraction
     * @param unit {@code SECOND}
     * @return the interval
     */
    public static Duration numToDsInterval(BigDecimal amount, String unit) {
        if (!"SECOND".equalsIgnoreCase(unit)) {
            throw new IllegalArgumentException("The stand-in NUMTODSINTERVAL knows SECOND only, not " + unit);
        }
        return Duration.ofNanos(amount.movePointRight(9).longValueExact());
    }
}
