package dev.ferry.runtime.config;

import dev.ferry.runtime.sql.SqlIdentifier;
import java.time.Duration;

/**
 * The checks settings builders run on their values; each failure is an {@link InvalidSettingException}
 * whose message names the owner, the setting and the value.
 */
public final class SettingChecks {

    private SettingChecks() {
    }

    /**
     * @param owner whose setting, e.g. "Outbox"
     * @param name the setting
     * @param value its value
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @throws InvalidSettingException naming the setting if the value is out of range
     */
    public static void range(String owner, String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidSettingException(owner + " setting " + name + " must be between " + min + " and " + max
                    + ", was " + value, name);
        }
    }

    /**
     * @param owner whose setting, e.g. "Outbox"
     * @param name the setting
     * @param value its value
     * @param max the longest duration allowed
     * @throws InvalidSettingException naming the setting if the value is null, zero, negative or longer
     *     than {@code max}
     */
    public static void positive(String owner, String name, Duration value, Duration max) {
        if (value == null || value.isZero() || value.isNegative() || value.compareTo(max) > 0) {
            throw new InvalidSettingException(owner + " setting " + name + " must be a positive duration of at most "
                    + readable(max) + ", was " + value, name);
        }
    }

    /**
     * @param owner whose setting, e.g. "Outbox"
     * @param name the setting
     * @param value its value
     * @param max the longest duration allowed
     * @throws InvalidSettingException naming the setting if the value is null, negative or longer than
     *     {@code max}
     */
    public static void zeroOrPositive(String owner, String name, Duration value, Duration max) {
        if (value == null || value.isNegative() || value.compareTo(max) > 0) {
            throw new InvalidSettingException(owner + " setting " + name + " must be zero or a positive duration"
                    + " of at most " + readable(max) + ", was " + value, name);
        }
    }

    /**
     * A name Ferry shows in thread names, log lines or rows: 1 to {@code maxLength} characters, not
     * blank, no control characters.
     *
     * @param owner whose setting, e.g. "Outbox"
     * @param name the setting
     * @param value its value
     * @param maxLength the most characters allowed
     * @throws InvalidSettingException naming the setting otherwise
     */
    public static void name(String owner, String name, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidSettingException(owner + " setting " + name + " must be 1 to " + maxLength
                    + " characters, not blank and without control characters, was '" + value + "'", name);
        }
    }

    /**
     * @param name the setting (such as {@code schema} or {@code table}), also what the message calls it
     * @param value its value
     * @param optional whether null is allowed
     * @throws InvalidSettingException naming the setting if the value is not a valid SQL identifier
     *     ({@link SqlIdentifier})
     */
    public static void identifier(String name, String value, boolean optional) {
        if (value == null && optional) {
            return;
        }
        try {
            SqlIdentifier.require(name, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(e.getMessage(), name);
        }
    }

    private static String readable(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() == 1 ? "1 day" : d.toDays() + " days";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + " h";
        }
        return d.toSeconds() > 0 && d.equals(Duration.ofSeconds(d.toSeconds())) ? d.toSeconds() + " s" : d.toString();
    }

    /**
     * @param message what is wrong, naming the owner, the settings and their values
     * @param settings the settings it is about
     * @return the exception to throw
     */
    public static InvalidSettingException refuse(String message, String... settings) {
        return new InvalidSettingException(message, settings);
    }
}
