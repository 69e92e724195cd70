package dev.ferry.bench;

import java.util.Locale;

/**
 * One row of the result table.
 *
 * @param name what was measured
 * @param value the measured value, formatted with its unit
 * @param ratio the value divided by its reference measured in the same run, or null when the row
 *     has no ratio (a reference row, or a figure with an absolute target)
 * @param target the target, as text ("≥ 50 % of raw"), or empty
 * @param met whether the target was met, or null when the row has no target
 */
record Figure(String name, String value, Double ratio, String target, Boolean met) {

    static Figure reference(String name, String value) {
        return new Figure(name, value, null, "", null);
    }

    static Figure ratio(String name, String value, double ratio, double minimum, String target) {
        return new Figure(name, value, ratio, target, ratio >= minimum);
    }

    static Figure ratioAtMost(String name, String value, double ratio, double maximum, String target) {
        return new Figure(name, value, ratio, target, ratio <= maximum);
    }

    static Figure info(String name, String value, Double ratio) {
        return new Figure(name, value, ratio, "", null);
    }

    String ratioText() {
        return ratio == null ? "" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    String metText() {
        return met == null ? "" : met ? "yes" : "**NO**";
    }

    /** @return a rate such as {@code 12,345 /s} */
    static String perSecond(double rate) {
        return String.format(Locale.ROOT, "%,.0f /s", rate);
    }

    /** @return milliseconds such as {@code 3.2 ms} */
    static String millis(double ms) {
        return ms < 10 ? String.format(Locale.ROOT, "%.2f ms", ms) : String.format(Locale.ROOT, "%,.1f ms", ms);
    }

    /** @return mebibytes such as {@code 31.5 MiB} */
    static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
