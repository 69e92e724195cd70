package dev.ferry.runtime.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.sql.SqlDialects;
import dev.ferry.runtime.sql.TableName;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaScriptTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "h2", "sqlserver", "oracle"})
    void outboxScriptExistsForEveryDialectWithPlaceholdersFilled(String dialect) {
        List<String> statements = SchemaScript.load(SqlDialects.byName(dialect), "outbox")
                .statements(new TableName("app", "my_outbox"));
        int expected = switch (dialect) {
            case "mariadb" -> 1;
            case "postgresql", "sqlserver" -> 5;
            default -> 4;
        };
        assertEquals(expected, statements.size(), statements.toString());
        assertTrue(statements.get(0).startsWith("CREATE TABLE app.my_outbox ("), statements.get(0));
        for (String s : statements) {
            assertFalse(s.contains("${"), s);
            assertFalse(s.endsWith(";"), s);
            assertTrue(s.contains("my_outbox"), s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "h2", "sqlserver", "oracle"})
    void sagaTraceTableComesFromTheV3Migration(String dialect) {
        SchemaScript script = SchemaScript.load(SqlDialects.byName(dialect), "saga_trace");
        List<String> statements = script.statements(new TableName("app", "my_saga_trace"));
        assertEquals(1, statements.size(), statements.toString());
        assertTrue(statements.get(0).startsWith("CREATE TABLE app.my_saga_trace ("), statements.get(0));
        assertTrue(script.resource().contains("V3__saga_trace.sql"), script.resource());
        assertFalse(statements.get(0).contains("${"), statements.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql"})
    void missingScriptIsNamed(String dialect) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SchemaScript.load(SqlDialects.byName(dialect), "nope"));
        assertTrue(e.getMessage().contains("dev/ferry/schema/postgresql/nope.sql"), e.getMessage());
    }
}
