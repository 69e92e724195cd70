package dev.ferry.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlIdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"outbox; DROP TABLE users", "out box", "1outbox", "\"quoted\"", "a.b", "x--", "é", ""})
    void invalidNamesAreRefusedWithTheirName(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TableName("app", name));
        assertTrue(e.getMessage().startsWith("The table name"), e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> new TableName(name, "outbox"));
        assertTrue(s.getMessage().startsWith("The schema name"), s.getMessage());
    }

    @Test
    void tooLongNamesAreRefused() {
        String name = "a".repeat(SqlIdentifier.MAX_LENGTH + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TableName(null, name));
        assertTrue(e.getMessage().contains("longer than 63"), e.getMessage());
    }

    @Test
    void validNamesAreQualified() {
        assertEquals("app_1.ferry_outbox", new TableName("app_1", "ferry_outbox").qualified());
        assertEquals("_outbox", new TableName(null, "_outbox").qualified());
    }
}
