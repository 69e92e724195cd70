package dev.ferry.runtime.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of a keyset page over a table's {@code seq} column: the last seq of the page,
 * tagged with what was listed, so that a cursor of one listing is refused by another.
 */
public final class SeqCursor {

    private SeqCursor() {
    }

    /**
     * @param kind what is listed, for example {@code saga}
     * @param lastSeq the seq of the last row of the page
     * @return the cursor of the page after it
     */
    public static String encode(String kind, long lastSeq) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + lastSeq).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param kind what is listed, as given to {@link #encode}
     * @param cursor a cursor from {@link #encode}, or null for the first page
     * @return the seq the page starts after; {@code Long.MIN_VALUE} for the first page
     * @throws IllegalArgumentException if the cursor is not one of this kind
     */
    public static long decode(String kind, String cursor) {
        if (cursor == null) {
            return Long.MIN_VALUE;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(kind + ":")) {
                return Long.parseLong(text.substring(kind.length() + 1));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message below (NumberFormatException is one too)
        }
        throw new IllegalArgumentException("'" + cursor + "' is not a cursor of a " + kind
                + " listing; pass back the nextCursor of the previous page as it is");
    }
}
