package dev.ferry.runtime.wake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.sql.TableName;
import org.junit.jupiter.api.Test;

/** Channel names, without a database. */
class WakeChannelTest {

    @Test
    void theChannelIsNamedForSchemaAndTableInLowerCase() {
        assertEquals("ferry_app_ferry_outbox", WakeChannel.of(new TableName("App", "Ferry_Outbox")).name());
        assertEquals("ferry_ferry_outbox", WakeChannel.of(new TableName(null, "ferry_outbox")).name());
    }

    @Test
    void aLongNameKeepsItsStartAndEndsWithAHashOfTheWhole() {
        String schema = "s".repeat(40);
        WakeChannel a = WakeChannel.of(new TableName(schema, "t".repeat(40)));
        WakeChannel b = WakeChannel.of(new TableName(schema, "t".repeat(39) + "u"));
        assertTrue(a.name().length() <= 63, a.name());
        assertTrue(a.name().startsWith("ferry_sss"), a.name());
        assertNotEquals(a, b, "names that differ past the kept start still differ");
        assertEquals(a, WakeChannel.of(new TableName(schema, "t".repeat(40))));
    }

    @Test
    void aChannelMustBeAPlainIdentifier() {
        assertThrows(IllegalArgumentException.class, () -> new WakeChannel("ferry; DROP TABLE x"));
        assertThrows(IllegalArgumentException.class, () -> new WakeChannel("x".repeat(64)));
    }
}
