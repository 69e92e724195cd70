package dev.ferry.runtime.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * The databases a test parameterized with {@code @ArgumentsSource(TestDatabases.class)} runs on: those
 * the system property {@value #PROPERTY} names, comma-separated ({@code POSTGRESQL,MARIADB} unless
 * set; the {@code docker-databases} Maven profile sets {@code SQLSERVER,ORACLE}).
 */
public final class TestDatabases implements ArgumentsProvider {

    /** The system property naming the databases. */
    public static final String PROPERTY = "ferry.test.databases";

    private static final String DEFAULT = "POSTGRESQL,MARIADB";

    /** @return the databases named by {@value #PROPERTY}, in its order */
    public static List<TestDatabase> selected() {
        String names = System.getProperty(PROPERTY, DEFAULT);
        List<TestDatabase> databases = Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(TestDatabases::named).toList();
        if (databases.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " names no database: '" + names + "'");
        }
        return databases;
    }

    private static TestDatabase named(String name) {
        try {
            return TestDatabase.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " names '" + name + "', not one of "
                    + Arrays.toString(TestDatabase.values()), e);
        }
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        return selected().stream().map(Arguments::of);
    }
}
