package dev.ferry.outbox.write;

import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.PayloadSerializationException;
import dev.ferry.outbox.PayloadTooLargeException;
import dev.ferry.runtime.json.JsonCodec;

/**
 * A message payload turned into the bytes that are stored, with their content type.
 *
 * @param bytes the payload bytes, or null for no payload
 * @param contentType {@code application/json} or {@code application/octet-stream}
 */
record EncodedPayload(byte[] bytes, String contentType) {

    static final String JSON = "application/json";
    static final String BYTES = "application/octet-stream";

    /**
     * @param message the message
     * @param json the codec
     * @param maxBytes the largest payload accepted
     * @return the payload as stored
     * @throws PayloadTooLargeException if it is larger than {@code maxBytes}; a JSON string is
     *     measured before it is parsed
     * @throws PayloadSerializationException if it cannot be serialized
     */
    static EncodedPayload of(OutboxMessage message, JsonCodec json, int maxBytes) {
        Object payload = message.payload();
        EncodedPayload encoded;
        try {
            encoded = switch (message.payloadFormat()) {
                case BYTES -> new EncodedPayload((byte[]) payload, BYTES);
                case JSON -> {
                    String text = (String) payload;
                    // Measured before parsing: a 100 MB string is refused without reading it as JSON.
                    long size = utf8Length(text);
                    if (size > maxBytes) {
                        throw new PayloadTooLargeException(message.topic(), size, maxBytes);
                    }
                    yield new EncodedPayload(json.requireJson(text), JSON);
                }
                case OBJECT -> new EncodedPayload(payload == null ? null : json.toBytes(payload), JSON);
            };
        } catch (PayloadTooLargeException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String what = payload == null ? "null" : payload.getClass().getName();
            throw new PayloadSerializationException("Cannot serialize the payload (" + what + ") of a message to"
                    + " topic '"
                    + message.topic() + "': " + e.getMessage() + "; no message was written", e);
        }
        if (encoded.bytes() != null && encoded.bytes().length > maxBytes) {
            throw new PayloadTooLargeException(message.topic(), encoded.bytes().length, maxBytes);
        }
        return encoded;
    }

    /** The length of the text in UTF-8, without encoding it. */
    static long utf8Length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
