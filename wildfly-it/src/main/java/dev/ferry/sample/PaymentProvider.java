package dev.ferry.sample;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sample's stand-in for an external payment provider that can be down: while it is down, the
 * payout saga's transfer step fails and the saga is suspended for an operator (see the console).
 */
@ApplicationScoped
public class PaymentProvider {

    private volatile boolean up = true;

    /** @return whether transfers go through */
    public boolean isUp() {
        return up;
    }

    /** @param available whether transfers go through from now on */
    public void setUp(boolean available) {
        this.up = available;
    }
}
