package dev.ferry.saga;

/**
 * A saga definition was refused when it was registered. The message names the class, the method
 * (when one is at fault) and the problem.
 */
public class SagaDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sagaClass;
    private final String method;
    private final String problem;

    /**
     * @param sagaClass the saga class's name
     * @param method the method at fault, or null when the class as a whole is
     * @param problem what is wrong
     */
    public SagaDefinitionException(String sagaClass, String method, String problem) {
        super("Invalid saga " + sagaClass + (method == null ? "" : ", method " + method) + ": " + problem);
        this.sagaClass = sagaClass;
        this.method = method;
        this.problem = problem;
    }

    /** @return the saga class's name */
    public String sagaClass() {
        return sagaClass;
    }

    /** @return the method at fault, or null */
    public String method() {
        return method;
    }

    /** @return what is wrong */
    public String problem() {
        return problem;
    }
}
