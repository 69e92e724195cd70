package dev.ferry.runtime.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads stored headers in the form Ferry writes them, without a JSON parser: a compact object
 * ({@code {"traceparent":"00-…"}}) whose names and values are strings with no escapes and no
 * whitespace between tokens. The relay reads the headers of every traced message, and creating a
 * parser per row cost more than the rest of reading the row. Any other text, valid or not, is left
 * to the codec's parser ({@link #read} answers null), so what is accepted or refused is unchanged.
 */
final class PlainHeaderText {

    private PlainHeaderText() {
    }

    /**
     * @param text stored headers, not empty
     * @return the headers in their order, or null when {@code text} is not in the plain form
     */
    static Map<String, String> read(String text) {
        int n = text.length();
        if (n < 2 || text.charAt(0) != '{' || text.charAt(n - 1) != '}') {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>(4);
        int i = 1;
        if (n == 2) {
            return headers;
        }
        while (true) {
            int nameEnd = stringEnd(text, i, n);
            if (nameEnd < 0 || nameEnd + 2 >= n || text.charAt(nameEnd + 1) != ':') {
                return null;
            }
            int valueEnd = stringEnd(text, nameEnd + 2, n);
            if (valueEnd < 0) {
                return null;
            }
            headers.put(text.substring(i + 1, nameEnd), text.substring(nameEnd + 3, valueEnd));
            char next = text.charAt(valueEnd + 1);
            if (next == '}') {
                return valueEnd + 2 == n ? headers : null;
            } else if (next != ',') {
                return null;
            }
            i = valueEnd + 2;
        }
    }

    /**
     * @return the index of the closing quote of the plain string that opens at {@code start}, or
     *     -1 when there is none: no string there, an escape or a control character in it, or no
     *     character after it
     */
    private static int stringEnd(String text, int start, int n) {
        if (start >= n || text.charAt(start) != '"') {
            return -1;
        }
        for (int i = start + 1; i < n - 1; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return i;
            } else if (c == '\\' || c < 0x20) {
                return -1;
            }
        }
        return -1;
    }
}
