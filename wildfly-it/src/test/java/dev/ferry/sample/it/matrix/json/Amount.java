package dev.ferry.sample.it.matrix.json;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;

/** Written by the server's JSON-B provider as {@code {"amount_cents":42}}: renamed, and the secret left out. */
public class Amount {

    @JsonbProperty("amount_cents")
    private final long amountCents;

    @JsonbTransient
    private final String secret;

    public Amount(long amountCents, String secret) {
        this.amountCents = amountCents;
        this.secret = secret;
    }

    public long getAmountCents() {
        return amountCents;
    }

    public String getSecret() {
        return secret;
    }
}
