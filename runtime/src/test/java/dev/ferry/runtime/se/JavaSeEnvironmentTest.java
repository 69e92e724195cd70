package dev.ferry.runtime.se;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JavaSeEnvironmentTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void xaPoolCommitsAndRollsBackWithNarayana(TestDatabase database) throws Exception {
        try (TestSchema schema = database.createSchema("se_env");
             JavaSeEnvironment env = schema.environment()) {
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
