package dev.ferry.saga.store;

/** Fits error texts into their columns. */
final class ErrorText {

    /** Width of the error columns. */
    static final int MAX = 2000;

    private ErrorText() {
    }

    static String fit(String text) {
        if (text == null || text.length() <= MAX) {
            return text;
        }
        int end = MAX - 3;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }
}
