package dev.ferry.sample;

/**
 * A request the sample refuses before doing anything: a missing, mistyped, out-of-range or oversize
 * field, or an id that is not one. {@link BadRequestMapper} answers it with 400 and
 * {@code {"error": "...", "field": "..."}}.
 */
public class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the field or parameter at fault
     * @param message what is wrong with it, naming it
     */
    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** @return the field or parameter at fault */
    public String field() {
        return field;
    }
}
