package dev.ferry.runtime.se;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.testing.ClassPathWithout;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * HikariCP, Narayana and Agroal are optional dependencies of ferry-runtime (a WAR carries none of them): a Java
 * SE application that leaves one out gets an error naming its Maven coordinates when it builds the environment,
 * not a {@code NoClassDefFoundError}. Run in a class loader of the test class path without HikariCP.
 */
class SeLibrariesTest {

    @Test
    void buildingWithoutHikariCpNamesIt() throws Exception {
        try (URLClassLoader withoutHikari = ClassPathWithout.loader("HikariCP")) {
            Class<?> environment = withoutHikari.loadClass(JavaSeEnvironment.class.getName());
            Object builder = environment.getMethod("builder").invoke(null);
            builder.getClass().getMethod("jdbcUrl", String.class).invoke(builder,
                    "jdbc:postgresql://127.0.0.1:5432/postgres");
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> builder.getClass().getMethod("build").invoke(builder));
            assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
            String message = e.getCause().getMessage();
            assertTrue(message.contains("com.zaxxer:HikariCP"), message);
            assertFalse(message.contains("narayana"), "Narayana is there: " + message);
        }
    }

    @Test
    void withEverythingThereNothingIsMissing() {
        SeLibraries.require();
    }
}
