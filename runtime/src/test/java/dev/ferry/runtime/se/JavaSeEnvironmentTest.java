package dev.ferry.runtime.se;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.runtime.testing.TestSchema;
import com.zaxxer.hikari.HikariDataSource;
import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.XADataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class JavaSeEnvironmentTest {

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void xaPoolCommitsAndRollsBackWithNarayana(TestDatabase database) throws Exception {
        try (TestSchema schema = database.createSchema("se_env");
             JavaSeEnvironment env = schema.environment()) {
            assertTrue(isXa(env), "the default pool is XA");
            commitsAndRollsBack(schema, env);
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void localPoolCommitsAndRollsBackWithNarayana(TestDatabase database) throws Exception {
        try (TestSchema schema = database.createSchema("se_env_local");
             JavaSeEnvironment env = schema.environmentBuilder().xa(false).build()) {
            assertFalse(isXa(env), "xa(false) pools plain connections");
            commitsAndRollsBack(schema, env);
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void changingTheBuilderAfterBuildLeavesTheEnvironmentAlone(TestDatabase database) throws Exception {
        try (TestSchema schema = database.createSchema("se_env_copy")) {
            JavaSeEnvironment.Builder builder = schema.environmentBuilder();
            try (JavaSeEnvironment env = builder.build()) {
                String url = env.jdbcUrl();
                builder.jdbcUrl("jdbc:postgresql://127.0.0.1:1/elsewhere").user("nobody").password("wrong")
                        .maxPoolSize(1).workerPoolSize(1).xa(false);
                assertEquals(url, env.jdbcUrl());
                assertEquals(20, ((AgroalDataSource) env.dataSource()).getConfiguration()
                        .connectionPoolConfiguration().maxSize());
                assertEquals(6, ((HikariDataSource) env.workerDataSource()).getMaximumPoolSize());
                assertTrue(isXa(env));
                commitsAndRollsBack(schema, env); // new connections still log in as the builder first said
            }
        }
    }

    private static void commitsAndRollsBack(TestSchema schema, JavaSeEnvironment env) throws Exception {
        try (Connection c = schema.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE item (id INT PRIMARY KEY)");
        }
        env.userTransaction().begin();
        insert(env, 1);
        insert(env, 2); // a second connection in the same transaction
        env.userTransaction().rollback();
        assertEquals(0, count(schema));

        env.userTransaction().begin();
        insert(env, 1);
        insert(env, 2);
        env.userTransaction().commit();
        assertEquals(2, count(schema));
    }

    /** Whether the pool hands out connections of an XA data source (Agroal's configured provider). */
    private static boolean isXa(JavaSeEnvironment env) {
        Class<?> provider = ((AgroalDataSource) env.dataSource()).getConfiguration().connectionPoolConfiguration()
                .connectionFactoryConfiguration().connectionProviderClass();
        return provider != null && XADataSource.class.isAssignableFrom(provider);
    }

    private static void insert(JavaSeEnvironment env, int id) throws SQLException {
        try (Connection c = env.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO item (id) VALUES (" + id + ")");
        }
    }

    private static int count(TestSchema schema) throws SQLException {
        try (Connection c = schema.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM item")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
