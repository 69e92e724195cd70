package dev.ferry.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** Which databases a parameterized test runs on, without a database. */
class TestDatabasesTest {

    private String before;

    @BeforeEach
    void saveProperty() {
        before = System.getProperty(TestDatabases.PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (before == null) {
            System.clearProperty(TestDatabases.PROPERTY);
        } else {
            System.setProperty(TestDatabases.PROPERTY, before);
        }
    }

    @Test
    void postgresqlAndMariaDbUnlessThePropertyNamesOthers() {
        System.clearProperty(TestDatabases.PROPERTY);
        assertEquals(List.of(TestDatabase.POSTGRESQL, TestDatabase.MARIADB), provided());

        System.setProperty(TestDatabases.PROPERTY, " sqlserver, ORACLE ");
        assertEquals(List.of(TestDatabase.SQLSERVER, TestDatabase.ORACLE), provided());
    }

    @Test
    void anUnknownOrEmptyListIsRefusedNamingIt() {
        System.setProperty(TestDatabases.PROPERTY, "POSTGRESQL,DB2");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, TestDatabases::selected);
        assertTrue(unknown.getMessage().contains("'DB2'"), unknown.getMessage());

        System.setProperty(TestDatabases.PROPERTY, " , ");
        assertThrows(IllegalArgumentException.class, TestDatabases::selected);
    }

    private static List<Object> provided() {
        return new TestDatabases().provideArguments(null, null).map(Arguments::get).flatMap(Arrays::stream).toList();
    }
}
