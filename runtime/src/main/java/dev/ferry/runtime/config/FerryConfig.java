package dev.ferry.runtime.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads Ferry's configuration keys ({@code ferry.*}) with typed accessors whose errors name the key
 * and the bad value. Where the server has MicroProfile Config (WildFly, Payara), values come from it
 * (so {@code META-INF/microprofile-config.properties}, system properties and environment variables
 * all work); otherwise from system properties and then environment variables
 * ({@code ferry.outbox.batch-size} → {@code FERRY_OUTBOX_BATCH_SIZE}).
 *
 * <p>A key set to an empty or blank value counts as not set (MicroProfile Config's rule), so the
 * default applies. A value with a control character is refused for every key, naming the key.
 */
public interface FerryConfig {

    /**
     * @param key a configuration key
     * @return its raw value, if set and not blank
     */
    Optional<String> raw(String key);

    /**
     * The keys that start with a prefix, for keys that name something ({@code ferry.outbox.kafka.properties.<name>},
     * {@code ferry.outbox.kafka.topic.<topic>}). Only sources that list their names are searched: a properties
     * file or a system property adds a key; an environment variable cannot (its name does not say where the dots
     * were), but it can give the value of a key another source lists.
     *
     * @param prefix the start of the keys, such as {@code ferry.outbox.kafka.properties.}
     * @return the keys, sorted; none where the configuration cannot list its keys
     */
    default SortedSet<String> keysStartingWith(String prefix) {
        return new TreeSet<>();
    }

    /** @return the configuration of the calling application (MicroProfile Config if present) */
    static FerryConfig current() {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, FerryConfig.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return new SystemFerryConfig();
        }
        try {
            return new MicroProfileFerryConfig();
        } catch (IllegalStateException | LinkageError e) {
            return new SystemFerryConfig(); // the API is there but no implementation
        }
    }

    /**
     * @param key the key
     * @param fallback the default
     * @return the value or the default
     */
    default String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    /**
     * @param key the key
     * @return the value, if set and not blank
     * @throws IllegalArgumentException naming the key if the value holds a control character
     */
    default Optional<String> string(String key) {
        Optional<String> value = raw(key).filter(v -> !v.isBlank());
        value.ifPresent(v -> {
            for (int i = 0; i < v.length(); i++) {
                if (Character.isISOControl(v.charAt(i))) {
                    throw new IllegalArgumentException("Ferry configuration " + key + " = '" + escaped(v)
                            + "' holds a control character (U+" + String.format("%04X", (int) v.charAt(i))
                            + ") at index " + i);
                }
            }
        });
        return value;
    }

    /**
     * A secret (a password, a token): like {@link #string(String)}, but an error never shows the value.
     *
     * @param key the key
     * @return the value, if set and not blank
     * @throws IllegalArgumentException naming the key, not the value, if it holds a control character
     */
    default Optional<String> secret(String key) {
        Optional<String> value = raw(key).filter(v -> !v.isBlank());
        value.ifPresent(v -> {
            for (int i = 0; i < v.length(); i++) {
                if (Character.isISOControl(v.charAt(i))) {
                    throw new IllegalArgumentException("Ferry configuration " + key + " (a secret, not shown) holds a"
                            + " control character (U+" + String.format("%04X", (int) v.charAt(i)) + ") at index " + i);
                }
            }
        });
        return value;
    }

    /**
     * @param key the key
     * @param fallback the default
     * @return the value as an int
     * @throws IllegalArgumentException naming the key if it is not a whole number
     */
    default int integer(String key, int fallback) {
        return parse(key, fallback, "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE,
                Integer::parseInt);
    }

    /**
     * @param key the key
     * @param fallback the default
     * @return the value as a long
     * @throws IllegalArgumentException naming the key if it is not a whole number
     */
    default long longValue(String key, long fallback) {
        return parse(key, fallback, "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE,
                Long::parseLong);
    }

    /**
     * @param key the key
     * @param fallback the default
     * @return the value as a boolean ({@code true}/{@code false})
     * @throws IllegalArgumentException naming the key otherwise
     */
    default boolean bool(String key, boolean fallback) {
        return parse(key, fallback, "true or false", v -> {
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(v);
            }
            throw new IllegalArgumentException(v);
        });
    }

    /**
     * @param key the key
     * @param fallback the default
     * @return the value as a duration: ISO-8601 ({@code PT1S}) or a number with a unit
     *     ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 2d})
     * @throws IllegalArgumentException naming the key if it is neither
     */
    default Duration duration(String key, Duration fallback) {
        return parse(key, fallback, "a duration such as PT10S, 500ms, 10s, 5m or 1h", FerryConfig::parseDuration);
    }

    /**
     * @param key the key
     * @param type the enum type
     * @param fallback the default
     * @param <E> the enum
     * @return the constant named by the value (case-insensitive, '-' for '_')
     * @throws IllegalArgumentException naming the key and the allowed values otherwise
     */
    default <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        return parse(key, fallback, "one of " + java.util.Arrays.toString(type.getEnumConstants()),
                v -> Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    private <T> T parse(String key, T fallback, String expected, Function<String, T> parser) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return parser.apply(value.get().trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Ferry configuration " + key + " = '" + value.get() + "' is not "
                    + expected, e);
        }
    }

    private static String escaped(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        value.chars().forEach(c -> sb.append(Character.isISOControl(c) ? String.format("\\u%04X", c)
                : String.valueOf((char) c)));
        return sb.toString();
    }

    /**
     * @param text ISO-8601, a number with a unit (ms, s, m, h, d), or {@code 0} (as README's tables write it)
     * @return the duration
     * @throws IllegalArgumentException if it is none of them
     */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.startsWith("p")) {
            try {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(text, e);
            }
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException(text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
