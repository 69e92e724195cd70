package dev.ferry.saga.definition;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaDefinitionException;
import dev.ferry.saga.SagaStep;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and checks a {@link Saga} class. Every problem is reported as a
 * {@link SagaDefinitionException} naming the class, the method and the problem.
 */
public final class SagaDefinitionReader {

    /** Longest saga or step name (the width of the name columns). */
    public static final int MAX_NAME_LENGTH = 200;

    private SagaDefinitionReader() {
    }

    /**
     * @param type a class annotated with {@link Saga}
     * @return its definition
     * @throws SagaDefinitionException if the definition is invalid
     */
    public static SagaDefinition read(Class<?> type) {
        String cls = type.getName();
        Saga saga = type.getAnnotation(Saga.class);
        if (saga == null) {
            throw new SagaDefinitionException(cls, null, "the class is not annotated with @Saga");
        }
        String name = saga.name();
        if (name.isBlank()) {
            throw new SagaDefinitionException(cls, null, "@Saga(name) must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new SagaDefinitionException(cls, null,
                    "@Saga(name) is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (saga.version() < 1) {
            throw new SagaDefinitionException(cls, null, "@Saga(version) must be at least 1, was " + saga.version());
        }
        List<Method> annotated = stepMethods(type);
        if (annotated.isEmpty()) {
            throw new SagaDefinitionException(cls, null, "the class declares no @SagaStep method");
        }
        Map<Integer, Method> byOrder = new HashMap<>();
        Map<String, Method> byName = new HashMap<>();
        for (Method m : annotated) {
            int order = m.getAnnotation(SagaStep.class).order();
            Method other = byOrder.putIfAbsent(order, m);
            if (other != null) {
                throw new SagaDefinitionException(cls, m.getName(), "@SagaStep(order = " + order
                        + ") is also the order of step " + other.getName() + "; step orders must be unique");
            }
            other = byName.putIfAbsent(stepName(m), m);
            if (other != null) {
                throw new SagaDefinitionException(cls, m.getName(), "the step name '" + stepName(m)
                        + "' is also the name of step method " + other.getName() + "; step names must be unique");
            }
        }
        annotated.sort(Comparator.comparingInt(m -> m.getAnnotation(SagaStep.class).order()));
        Class<?> dataType = dataType(cls, annotated.get(0));
        List<StepDefinition> steps = new ArrayList<>();
        for (Method m : annotated) {
            steps.add(step(type, m, steps.size(), dataType));
        }
        return new SagaDefinition(name, saga.version(), type, dataType, steps);
    }

    /** The stable name: {@code @SagaStep(name)}, or the method's name. */
    private static String stepName(Method m) {
        String name = m.getAnnotation(SagaStep.class).name();
        return name.isEmpty() ? m.getName() : name;
    }

    private static List<Method> stepMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(SagaStep.class) && !m.isBridge() && !m.isSynthetic()
                        && methods.stream().noneMatch(x -> overrides(x, m))) {
                    methods.add(m);
                }
            }
        }
        return methods;
    }

    private static boolean overrides(Method sub, Method sup) {
        return sub.getName().equals(sup.getName()) && Arrays.equals(sub.getParameterTypes(), sup.getParameterTypes());
    }

    private static Class<?> dataType(String cls, Method first) {
        checkParameters(cls, first, "step");
        return first.getParameterTypes()[0];
    }

    private static StepDefinition step(Class<?> type, Method m, int index, Class<?> dataType) {
        String cls = type.getName();
        SagaStep a = m.getAnnotation(SagaStep.class);
        checkCallable(cls, m, "a @SagaStep method");
        String stepName = stepName(m);
        if (stepName.isBlank()) {
            throw new SagaDefinitionException(cls, m.getName(), "@SagaStep(name) must not be blank");
        }
        if (stepName.length() > MAX_NAME_LENGTH) {
            throw new SagaDefinitionException(cls, m.getName(), "the step name is longer than " + MAX_NAME_LENGTH
                    + " characters");
        }
        checkParameters(cls, m, "step");
        checkSignature(cls, m, m.getName(), "step", dataType);
        if (a.maxAttempts() < 1) {
            throw new SagaDefinitionException(cls, m.getName(),
                    "maxAttempts must be at least 1, was " + a.maxAttempts());
        }
        if (a.compensationMaxAttempts() < 1) {
            throw new SagaDefinitionException(cls, m.getName(), "compensationMaxAttempts must be at least 1, was "
                    + a.compensationMaxAttempts());
        }
        Duration backoff = duration(cls, m, "backoff", a.backoff());
        if (backoff.isNegative()) {
            throw new SagaDefinitionException(cls, m.getName(),
                    "backoff must not be negative, was '" + a.backoff() + "'");
        }
        Duration timeout = null;
        if (!a.timeout().isEmpty()) {
            timeout = duration(cls, m, "timeout", a.timeout());
            if (timeout.isNegative() || timeout.isZero()) {
                throw new SagaDefinitionException(cls, m.getName(),
                        "timeout must be positive, was '" + a.timeout() + "'");
            }
        }
        StepMethod compensation = a.compensateWith().isEmpty() ? null
                : new StepMethod(compensation(type, m, a.compensateWith(), dataType));
        return new StepDefinition(stepName, index, new StepMethod(m), compensation, a.maxAttempts(), backoff, timeout,
                List.of(a.nonRetryable()), a.compensationMaxAttempts(), a.onFailure());
    }

    private static Method compensation(Class<?> type, Method step, String name, Class<?> dataType) {
        String cls = type.getName();
        List<Method> named = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && !m.isBridge() && !m.isSynthetic()
                        && named.stream().noneMatch(x -> overrides(x, m))) {
                    named.add(m);
                }
            }
        }
        String what = "compensation method '" + name + "' (compensateWith)";
        if (named.isEmpty()) {
            throw new SagaDefinitionException(cls, step.getName(), what + " does not exist in " + type.getSimpleName());
        }
        List<Method> fitting = named.stream().filter(m -> fits(m, dataType)).collect(Collectors.toList());
        if (fitting.isEmpty()) {
            Method m = named.get(0);
            throw new SagaDefinitionException(cls, step.getName(), what + " must take (" + dataType.getSimpleName()
                    + ") or (" + dataType.getSimpleName() + ", SagaContext) and return void or "
                    + dataType.getSimpleName() + ", but is " + describe(m));
        }
        if (fitting.size() > 1) {
            throw new SagaDefinitionException(cls, step.getName(), what + " is ambiguous: "
                    + fitting.stream().map(SagaDefinitionReader::describe).collect(Collectors.joining(" and ")));
        }
        Method m = fitting.get(0);
        checkCallable(cls, m, what + " of step " + step.getName() + ",");
        return m;
    }

    private static boolean fits(Method m, Class<?> dataType) {
        Class<?>[] p = m.getParameterTypes();
        boolean params = (p.length == 1 || (p.length == 2 && p[1] == SagaContext.class)) && p[0] == dataType;
        Class<?> r = m.getReturnType();
        return params && (r == void.class || dataType.isAssignableFrom(r));
    }

    private static void checkCallable(String cls, Method m, String what) {
        if (!Modifier.isPublic(m.getModifiers())) {
            throw new SagaDefinitionException(cls, m.getName(), what + " must be public");
        }
        if (Modifier.isStatic(m.getModifiers())) {
            throw new SagaDefinitionException(cls, m.getName(), what + " must not be static");
        }
    }

    private static void checkParameters(String cls, Method m, String what) {
        Class<?>[] p = m.getParameterTypes();
        boolean ok = (p.length == 1 || (p.length == 2 && p[1] == SagaContext.class))
                && !p[0].isPrimitive() && p[0] != SagaContext.class;
        if (!ok) {
            throw new SagaDefinitionException(cls, m.getName(), "a " + what + " takes (D data) or (D data, SagaContext"
                    + " context) where D is the saga's data type (not a primitive), but this one takes ("
                    + params(m) + ")");
        }
    }

    private static void checkSignature(String cls, Method m, String stepName, String what, Class<?> dataType) {
        Class<?> p = m.getParameterTypes()[0];
        if (p != dataType) {
            throw new SagaDefinitionException(cls, stepName, "the " + what + " takes data of type " + p.getName()
                    + ", but the saga's first step takes " + dataType.getName()
                    + "; every step of a saga takes the same data type");
        }
        Class<?> r = m.getReturnType();
        if (r != void.class && !dataType.isAssignableFrom(r)) {
            throw new SagaDefinitionException(cls, stepName, "the " + what + " returns " + r.getName()
                    + "; a step returns void or the saga's data type " + dataType.getName());
        }
    }

    private static Duration duration(String cls, Method m, String attribute, String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new SagaDefinitionException(cls, m.getName(), attribute + " '" + text
                    + "' is not an ISO-8601 duration such as PT1S, PT0.5S or PT2M");
        }
    }

    private static String params(Method m) {
        return Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "));
    }

    private static String describe(Method m) {
        return m.getReturnType().getSimpleName() + " " + m.getName() + "(" + params(m) + ")";
    }
}
