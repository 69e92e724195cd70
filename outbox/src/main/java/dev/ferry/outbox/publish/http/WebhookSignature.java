package dev.ferry.outbox.publish.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code sha256=} followed by the lower-case hex HMAC-SHA256, keyed with the
 * shared secret, of the message id, a {@code .}, and the request body. Signing the id with the body
 * means a captured request cannot be replayed under another {@code Idempotency-Key}. Receivers
 * check it with {@link #verify}.
 */
public final class WebhookSignature {

    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /**
     * @param secret the shared secret
     * @param messageId the message id (the {@code Idempotency-Key} header)
     * @param body the request body
     * @return the signature header's value
     */
    public static String sign(byte[] secret, String messageId, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(messageId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            mac.update(body);
            return PREFIX + HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a received signature in constant time.
     *
     * @param secret the shared secret
     * @param messageId the request's {@code Idempotency-Key}
     * @param body the request body
     * @param header the signature header's value, may be null
     * @return whether it is the signature of this id and body
     */
    public static boolean verify(byte[] secret, String messageId, byte[] body, String header) {
        if (header == null || messageId == null) {
            return false;
        }
        byte[] expected = sign(secret, messageId, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
