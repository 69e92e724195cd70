package dev.ferry.runtime.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One check's verdict and the figures it judged, as MicroProfile Health shows them.
 *
 * @param name the check's name ({@code ferry-outbox-relay}, …)
 * @param up whether it passed
 * @param data the figures: {@code Long}, {@code String} or {@code Boolean} values, in order
 */
public record CheckResult(String name, boolean up, Map<String, Object> data) {

    /** Copies the data, keeping its order. */
    public CheckResult {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    @Override
    public String toString() {
        return name + " " + (up ? "UP" : "DOWN") + " " + data;
    }
}
