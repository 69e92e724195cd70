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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private record Key(String key, String setting, String sample, boolean secret, String readmeKey) {
    }

    /**
     * Values no key may take as they are: wrong types, negative, zero and huge numbers, a number
     * with a fraction or in hex, durations that are negative or centuries long, an unknown enum
     * name, SQL, control characters, a long text. A key either refuses one, naming the key and the
     * value, or takes it as a name, verbatim.
     */
    private static final List<String> NONSENSE = List.of("abc", "-1", "0", "-5s", "PT-5S", "1.5", "0x10", "1e3",
            "99999999999", "9223372036854775808", "99999999999d", "PT2562047788015215H", "36500d", "no-such-value",
            "; DROP TABLE x", "x".repeat(300), "a\u0000b", "a\nb", "tab\tbed", "true", "FALSE");

    private static final Pattern CODE_KEY = Pattern.compile("`(ferry\\.[^`]*)`");

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
        keys.add(new Key(key, setting, sample, false, key));
        return this;
    }

    /**
     * A key holding a secret (a password, a token): a refusal must name the key and must not show the value,
     * and an accepted value need not show in the settings' accessors.
     *
     * @param key a configuration key
     * @param setting the builder method it sets
     * @param sample a valid value for it that differs from the default
     * @return this
     */
    public SettingsCoverage<S> secret(String key, String setting, String sample) {
        keys.add(new Key(key, setting, sample, true, key));
        return this;
    }

    /**
     * One instance of a key that ends in a name ({@code ferry.outbox.kafka.topic.<topic>}): the configurations
     * the checks give the reader list it among their keys ({@link FerryConfig#keysStartingWith}), and README.md's
     * table must name the pattern.
     *
     * @param readmeKey the key as README.md writes it, such as {@code ferry.outbox.kafka.topic.<topic>}
     * @param key an instance, such as {@code ferry.outbox.kafka.topic.orders}
     * @param sample a valid value for it
     * @param secret whether its value is a secret
     * @return this
     */
    public SettingsCoverage<S> named(String readmeKey, String key, String sample, boolean secret) {
        keys.add(new Key(key, readmeKey, sample, secret, readmeKey));
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

    /**
     * Fuzzes every declared key: each value of {@link #NONSENSE} must be refused with an
     * {@link IllegalArgumentException} naming the key and the value, or be taken verbatim as a name
     * (a table, an id) or as the boolean it names; an empty or blank value must keep the default
     * (MicroProfile Config's rule: an empty value is no value); and each key must refuse at least
     * one of the values. Nothing else may be thrown (no bare {@code NumberFormatException}, no
     * {@code ArithmeticException}).
     */
    public void assertEveryKeyRefusesNonsense() {
        Map<String, Object> defaults = accessorValues(reader.apply(config(Map.of())));
        List<String> problems = new ArrayList<>();
        for (Key k : keys) {
            // a fixed key's default is random: blank gives a random one, as no value does
            for (String blank : fixed.containsKey(k.key()) ? List.<String>of() : List.of("", "   ")) {
                Map<String, Object> values = accessorValues(reader.apply(config(Map.of(k.key(), blank))));
                if (!values.equals(defaults)) {
                    problems.add(k.key() + " = '" + blank + "' changed the settings: " + values);
                }
            }
            int refused = 0;
            for (String value : NONSENSE) {
                String shown = k.key() + " = '" + value.replace("\n", "\\n").replace("\u0000", "\\0") + "'";
                Map<String, Object> values;
                try {
                    values = accessorValues(reader.apply(config(Map.of(k.key(), value))));
                } catch (IllegalArgumentException e) {
                    refused++;
                    boolean control = value.chars().anyMatch(Character::isISOControl);
                    if (k.secret()) {
                        if (!e.getMessage().contains(k.key()) || value.length() >= 3 && shows(e, value)) {
                            problems.add(shown + " (a secret) was refused without naming the key, or showing the"
                                    + " value: " + e.getMessage());
                        }
                        continue;
                    }
                    if (!e.getMessage().contains(k.key()) || !control && !e.getMessage().contains(value)) {
                        problems.add(shown + " was refused without naming the key and the value: "
                                + e.getMessage());
                    }
                    continue;
                } catch (RuntimeException e) {
                    problems.add(shown + " threw " + e);
                    continue;
                }
                if (k.secret()) {
                    continue; // a secret need not show
                }
                String lower = value.toLowerCase(Locale.ROOT);
                boolean verbatim = values.values().stream()
                        .anyMatch(v -> String.valueOf(v).toLowerCase(Locale.ROOT).contains(lower));
                if (!verbatim) {
                    problems.add(shown + " was accepted, and is not a setting's value as it is: " + values);
                }
            }
            if (refused == 0) {
                problems.add(k.key() + " refused none of " + NONSENSE.size() + " nonsense values");
            }
        }
        assertEquals(List.of(), problems, "keys that take nonsense");
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
        Set<String> listed = new TreeSet<>();
        keys.forEach(k -> listed.add(k.key()));
        reader.apply(new FerryConfig() {
            @Override
            public Optional<String> raw(String key) {
                read.add(key);
                return Optional.ofNullable(fixed.get(key));
            }

            @Override
            public java.util.SortedSet<String> keysStartingWith(String prefix) {
                return listedUnder(listed, prefix);
            }
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
            if (rows.stream().noneMatch(row -> row.contains("`" + k.readmeKey() + "`"))) {
                missing.add(k.readmeKey());
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
        return new FerryConfig() {
            @Override
            public Optional<String> raw(String key) {
                return Optional.ofNullable(all.get(key));
            }

            @Override
            public java.util.SortedSet<String> keysStartingWith(String prefix) {
                return listedUnder(all.keySet(), prefix);
            }
        };
    }

    private static java.util.SortedSet<String> listedUnder(Set<String> keys, String prefix) {
        java.util.SortedSet<String> under = new TreeSet<>();
        keys.stream().filter(k -> k.startsWith(prefix) && k.length() > prefix.length()).forEach(under::add);
        return under;
    }

    /** Whether the message of the exception or of any cause shows the value. */
    private static boolean shows(Throwable e, String value) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param settings a settings object
     * @return the values of its public no-argument instance methods, by name ({@code toBuilder},
     *     {@code toString} and {@code hashCode} aside)
     */
    public static Map<String, Object> accessorValues(Object settings) {
        Map<String, Object> values = new TreeMap<>();
        for (Method m : settings.getClass().getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() == 0 && m.getReturnType() != void.class
                    && !m.getName().equals("toBuilder") && !m.getName().equals("toString")
                    && !m.getName().equals("hashCode")) {
                try {
                    m.setAccessible(true); // a record declared in a test
                    values.put(m.getName(), m.invoke(settings));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new AssertionError("cannot call " + m, e);
                }
            }
        }
        return values;
    }

    /**
     * The same keys under other names, for another reader of the same settings: a named outbox's keys
     * ({@code ferry.outboxes.<name>.*}) mirror the default outbox's ({@code ferry.outbox.*}). Samples, secrecy and
     * fixed values carry over; the README keys are renamed the same way.
     *
     * @param rename maps a key of this coverage to the other reader's key
     * @param otherBuilderType the other settings' builder class (null when the reader has no builder)
     * @param otherReader reads the settings from the renamed keys
     * @param otherHeading the README.md heading of the section that documents the renamed keys
     * @param <T> the other reader's settings
     * @return a coverage of the renamed keys
     */
    public <T> SettingsCoverage<T> renamed(java.util.function.UnaryOperator<String> rename, Class<?> otherBuilderType,
                                           Function<FerryConfig, T> otherReader, String otherHeading) {
        SettingsCoverage<T> other = new SettingsCoverage<>(otherBuilderType, otherReader, otherHeading);
        for (Key k : keys) {
            String setting = k.setting().equals(k.readmeKey()) || k.setting().equals(k.key())
                    ? rename.apply(k.setting()) : k.setting();
            other.keys.add(new Key(rename.apply(k.key()), setting, k.sample(), k.secret(),
                    rename.apply(k.readmeKey())));
        }
        fixed.forEach((key, value) -> other.fixed.put(rename.apply(key), value));
        return other;
    }

    /** @return the declared keys, in order */
    public List<String> keys() {
        return keys.stream().map(Key::key).distinct().toList();
    }

    /**
     * @param readmeHeading a README.md heading, exactly as written
     * @return the {@code ferry.*} keys written as code in the first column of the section's tables
     */
    public static List<String> readmeKeys(String readmeHeading) {
        List<String> keys = new ArrayList<>();
        for (String row : readmeTableRows(readmeHeading)) {
            Matcher m = CODE_KEY.matcher(row.split("\\|")[1]);
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    private List<String> readmeTableRows() {
        return readmeTableRows(readmeHeading);
    }

    /** The table lines of the README section, up to the next heading of its level or above, outside code. */
    private static List<String> readmeTableRows(String readmeHeading) {
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
