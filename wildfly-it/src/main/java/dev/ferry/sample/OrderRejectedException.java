package dev.ferry.sample;

import jakarta.ejb.ApplicationException;

/** A business refusal; the container rolls the transaction back, order and message alike. */
@ApplicationException(rollback = true)
public class OrderRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message why the order was refused */
    public OrderRejectedException(String message) {
        super(message);
    }
}
