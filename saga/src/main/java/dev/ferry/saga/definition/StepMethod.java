package dev.ferry.saga.definition;

import dev.ferry.saga.SagaContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A step or compensation method, called with the saga data and, if it declares one, a
 * {@link SagaContext}.
 */
public final class StepMethod {

    private final Method method;
    private final boolean takesContext;

    StepMethod(Method method) {
        this.method = method;
        this.takesContext = method.getParameterCount() == 2;
        method.trySetAccessible(); // public methods of non-public classes
    }

    /** @return the method's name */
    public String name() {
        return method.getName();
    }

    /** @return whether the method returns a value (the saga's new data) */
    public boolean returnsData() {
        return method.getReturnType() != void.class;
    }

    /**
     * Calls the method.
     *
     * @param target the saga object
     * @param data the saga data
     * @param context the step's context
     * @return what the method returned (null for void)
     * @throws Exception what the method threw, unwrapped
     */
    public Object invoke(Object target, Object data, SagaContext context) throws Exception {
        try {
            return takesContext ? method.invoke(target, data, context) : method.invoke(target, data);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
