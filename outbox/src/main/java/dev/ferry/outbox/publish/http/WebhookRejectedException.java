package dev.ferry.outbox.publish.http;

import java.net.URI;

/** The webhook answered with a status other than 2xx; the message fails and is retried. */
public final class WebhookRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param uri where the message was POSTed
     * @param status the response status
     * @param body the start of the response body
     */
    public WebhookRejectedException(URI uri, int status, String body) {
        super("HTTP " + status + " from " + uri + (body == null || body.isBlank() ? "" : ": " + body));
        this.status = status;
    }

    /** @return the response status */
    public int status() {
        return status;
    }
}
