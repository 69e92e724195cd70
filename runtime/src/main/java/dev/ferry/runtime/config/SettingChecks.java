package dev.ferry.runtime.config;

import java.time.Duration;

/** The checks settings builders run on their values; each message names the owner and the setting. */
public final class SettingChecks {

    private SettingChecks() {
    }

    /**
     * @param owner whose setting, e.g. "Outbox"
     * @param name the setting
     * @param value its value
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @throws IllegalArgumentException naming the setting if the value is out of range
     */
    public static void range(String owner, String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(owner + " setting " + name + " must be between " + min + " and " + max
                    + ", was " + value);
        }
    }

    /**
     * @param owner whose setting, e.g. "Outbox"
     * @param name the setting
     * @param value its value
     * @throws IllegalArgumentException naming the setting if the value is null, zero or negative
     */
    public static void positive(String owner, String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(
                    owner + " setting " + name + " must be a positive duration, was " + value);
        }
    }
}
