package dev.ferry.runtime.config;

import java.util.List;

/**
 * A settings builder refused a value. Besides the message, which names the owner, the setting and
 * the value ("Outbox setting batchSize must be between 1 and 1000, was 5000"), it names the settings
 * the refusal is about, so that a reader of configuration keys can name the keys and the values
 * they had ({@link SettingKeys}).
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> settings;

    /**
     * @param message what is wrong, naming the owner, the setting and the value
     * @param settings the settings the message is about, as the builder's checks name them
     */
    public InvalidSettingException(String message, String... settings) {
        super(message);
        this.settings = List.of(settings);
    }

    /** @return the settings the refusal is about (one, or two when they contradict each other) */
    public List<String> settings() {
        return settings;
    }
}
