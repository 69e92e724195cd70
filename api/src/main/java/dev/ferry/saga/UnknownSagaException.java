package dev.ferry.saga;

import java.util.UUID;

/** An operator action named a saga id that does not exist. A caller mistake, not a store failure. */
public class UnknownSagaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final UUID id;

    /**
     * @param id the id that names no saga
     */
    public UnknownSagaException(UUID id) {
        super("There is no saga " + id);
        this.id = id;
    }

    /** @return the id that names no saga */
    public UUID id() {
        return id;
    }
}
