package dev.ferry.saga.definition;

import dev.ferry.saga.SagaDefinitionException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sagas an engine runs, by name and by class. Two sagas may not share a name. */
public final class SagaRegistry {

    private final Map<String, BoundSaga> byName = new LinkedHashMap<>();
    private final Map<Class<?>, BoundSaga> byType = new LinkedHashMap<>();

    /**
     * Registers a saga class, instantiated with its no-argument constructor.
     *
     * @param type the saga class
     * @return the registered saga
     * @throws SagaDefinitionException if the definition is invalid, its name is taken, or the class
     *     cannot be instantiated
     */
    public synchronized BoundSaga register(Class<?> type) {
        SagaDefinition definition = SagaDefinitionReader.read(type);
        return add(definition, instantiate(type));
    }

    /**
     * Registers a saga with the object that runs its steps (for example a CDI bean).
     *
     * @param type the saga class (the annotated one, not a proxy's)
     * @param target an instance of it
     * @return the registered saga
     * @throws SagaDefinitionException if the definition is invalid or its name is taken
     * @throws IllegalArgumentException if the target is not an instance of the type
     */
    public synchronized BoundSaga register(Class<?> type, Object target) {
        if (!type.isInstance(target)) {
            throw new IllegalArgumentException(target.getClass().getName() + " is not an instance of " + type.getName());
        }
        return add(SagaDefinitionReader.read(type), target);
    }

    /**
     * Checks a saga class exactly as {@link #register} would, name clashes included, without an
     * object to run it: for a registry that only checks definitions (at deployment).
     *
     * @param type the saga class
     * @return its definition
     * @throws SagaDefinitionException if the definition is invalid or its name is taken
     */
    public synchronized SagaDefinition check(Class<?> type) {
        SagaDefinition definition = SagaDefinitionReader.read(type);
        add(definition, null);
        return definition;
    }

    private BoundSaga add(SagaDefinition definition, Object target) {
        BoundSaga existing = byName.get(definition.name());
        if (existing != null) {
            throw new SagaDefinitionException(definition.type().getName(), null, "the saga name '" + definition.name()
                    + "' is already used by " + existing.definition().type().getName()
                    + "; saga names must be unique");
        }
        BoundSaga bound = new BoundSaga(definition, target);
        byName.put(definition.name(), bound);
        byType.put(definition.type(), bound);
        return bound;
    }

    private static Object instantiate(Class<?> type) {
        try {
            Constructor<?> c = type.getDeclaredConstructor();
            c.trySetAccessible();
            return c.newInstance();
        } catch (NoSuchMethodException e) {
            throw new SagaDefinitionException(type.getName(), null, "the class has no no-argument constructor;"
                    + " add one or register an instance");
        } catch (InvocationTargetException e) {
            throw new SagaDefinitionException(type.getName(), null, "its constructor failed: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new SagaDefinitionException(type.getName(), null, "cannot be instantiated: " + e);
        }
    }

    /**
     * @return a new registry holding the sagas registered here so far; registering in either later
     *     leaves the other as it is
     */
    public synchronized SagaRegistry copy() {
        SagaRegistry copy = new SagaRegistry();
        copy.byName.putAll(byName);
        copy.byType.putAll(byType);
        return copy;
    }

    /**
     * @param name a saga name
     * @return the saga, or null
     */
    public synchronized BoundSaga byName(String name) {
        return byName.get(name);
    }

    /**
     * @param type a saga class
     * @return the saga, or null
     */
    public synchronized BoundSaga byType(Class<?> type) {
        return byType.get(type);
    }

    /** @return the registered names, in registration order */
    public synchronized List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** @return whether no saga is registered */
    public synchronized boolean isEmpty() {
        return byName.isEmpty();
    }

    /** @return every registered saga */
    public synchronized List<BoundSaga> all() {
        return List.copyOf(byName.values());
    }
}
