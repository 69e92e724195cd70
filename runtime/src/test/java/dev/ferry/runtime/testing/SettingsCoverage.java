package dev.ferry.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.config.FerryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks that a settings class is declared once and followed everywhere: every builder setting has a
 * configuration key, the reader reads exactly the declared keys and hands each one to the builder,
 * and README.md's table names every setting and every key.
 *
 * <pre>{@code
 * SettingsCoverage<InboxSettings> coverage = SettingsCoverage.of(InboxSettings.Builder.class,
 *                 ConfiguredInboxSettings::read, "## Inbox: idempotent receiving")
 *         .key("ferry.inbox.consumer", "consumer", "billing")
 *         ...;
 * coverage.assertEveryBuilderSettingHasAKey();
 * }</pre>
 *
 * @param <S> the settings class
 */
public final class SettingsCoverage<S> {

    /**
     * @param key the configuration key
     * @param setting the builder method it sets
     * @param sample a valid value that differs from the default
     */
    private record Key(String key, String setting, String sample) {
    }

    private final Class<?> builderType;
    private final Function<FerryConfig, S> reader;
    private final String readmeHeading;
    private final List<Key> keys = new ArrayList<>();
    private final Map<String, String> fixed = new LinkedHashMap<>();

    private SettingsCoverage(Class<?> builderType, Function<FerryConfig, S> reader, String readmeHeading) {
        this.builderType = builderType;
        this.reader = reader;
        this.readmeHeading = readmeHeading;
    }

    /**
     * @param builderType the settings' builder class
     * @param reader reads the settings from configuration keys
     * @param readmeHeading the README.md heading, exactly as written, of the section holding the table
     * @param <S> the settings class
     * @return a coverage with no keys yet
     */
    public static <S> SettingsCoverage<S> of(Class<?> builderType, Function<FerryConfig, S> reader,
                                             String readmeHeading) {
        return new SettingsCoverage<>(builderType, reader, readmeHeading);
    }

    /**
     * @param key a configuration key
     * @param setting the builder method it sets (two keys may set one method)
     * @param sample a valid value for it that differs from the default
     * @return this
     */
    public SettingsCoverage<S> key(String key, String setting, String sample) {
        keys.add(new Key(key, setting, sample));
        return this;
    }

    /**
     * Sets a key in every reading, so that a random default (an id) does not hide what the others change.
     *
     * @param key a declared key
     * @param value its value
     * @return this
     */
    public SettingsCoverage<S> fixed(String key, String value) {
        fixed.put(key, value);
        return this;
    }

    /** Fails unless the builder's public methods, {@code build()} aside, are exactly the declared settings. */
    public void assertEveryBuilderSettingHasAKey() {
        Set<String> methods = new TreeSet<>();
        for (Method m : builderType.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()
                    && !m.getName().equals("build")) {
                methods.add(m.getName());
            }
        }
        Set<String> settings = new TreeSet<>();
        keys.forEach(k -> settings.add(k.setting()));
        assertEquals(settings, methods, "builder settings of " + builderType.getName()
                + " (right) and the settings given a configuration key (left)");
    }

    /** Fails unless the reader asks for exactly the declared keys. */
    public void assertTheReaderReadsExactlyTheDeclaredKeys() {
        Set<String> read = new TreeSet<>();
        reader.apply(key -> {
            read.add(key);
            return Optional.empty();
        });
        Set<String> declared = new TreeSet<>();
        keys.forEach(k -> declared.add(k.key()));
        assertEquals(declared, read, "keys the reader reads (right) and the declared keys (left)");
    }

    /** Fails unless each key, set to its sample, changes what the settings' accessors return. */
    public void assertEveryKeyChangesTheSettings() {
        Map<String, Object> base = accessorValues(reader.apply(config(Map.of())));
        for (Key k : keys) {
            Map<String, Object> changed = accessorValues(reader.apply(config(Map.of(k.key(), k.sample()))));
            assertNotEquals(base, changed, k.key() + " = " + k.sample() + " changed no setting");
        }
    }

    /** Fails unless README.md's table in the section names every setting (first column) and every key. */
    public void assertReadmeTableNamesEverySettingAndKey() {
        List<String> rows = readmeTableRows();
        assertTrue(!rows.isEmpty(), "README.md has no table under '" + readmeHeading + "'");
        Set<String> missing = new LinkedHashSet<>();
        for (Key k : keys) {
            if (rows.stream().noneMatch(row -> row.contains("`" + k.key() + "`"))) {
                missing.add(k.key());
            }
            String asCode = "`" + k.setting();
            boolean named = rows.stream().map(row -> row.split("\\|")[1])
                    .anyMatch(first -> first.contains(asCode + "`") || first.contains(asCode + "("));
            if (!named) {
                missing.add(k.setting());
            }
        }
        assertEquals(Set.of(), missing, "missing from README.md's table under '" + readmeHeading + "'");
    }

    private FerryConfig config(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(fixed);
        all.putAll(values);
        return key -> Optional.ofNullable(all.get(key));
    }

    /**
     * @param settings a settings object
     * @return the values of its public no-argument instance methods, by name ({@code toBuilder} aside)
     */
    public static Map<String, Object> accessorValues(Object settings) {
        Map<String, Object> values = new TreeMap<>();
        for (Method m : settings.getClass().getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() == 0 && m.getReturnType() != void.class
                    && !m.getName().equals("toBuilder")) {
                try {
                    values.put(m.getName(), m.invoke(settings));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new AssertionError("cannot call " + m, e);
                }
            }
        }
        return values;
    }

    /** The table lines of the README section, up to the next heading of its level or above, outside code. */
    private List<String> readmeTableRows() {
        List<String> lines = readme();
        int level = readmeHeading.indexOf(' ');
        int start = lines.indexOf(readmeHeading);
        assertTrue(start >= 0, "README.md has no heading '" + readmeHeading + "'");
        List<String> rows = new ArrayList<>();
        boolean code = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("```")) {
                code = !code;
            } else if (!code && line.startsWith("#") && line.indexOf(' ') <= level) {
                break;
            } else if (!code && line.startsWith("|") && !line.startsWith("|---")) {
                rows.add(line);
            }
        }
        return rows;
    }

    private static List<String> readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path readme = dir.resolve("README.md");
            if (Files.isRegularFile(readme) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("runtime"))) {
                try {
                    return Files.readAllLines(readme);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError("no README.md in " + Path.of("").toAbsolutePath() + " or above");
    }
}
