package dev.ferry.saga.definition;

import dev.ferry.saga.SagaDefinitionException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The sagas an engine runs, by name, version and class. Several versions of one saga name may be
 * registered side by side (the older ones to finish their instances); two classes may not share a
 * name and a version. New instances start on the highest version.
 */
public final class SagaRegistry {

    private final Map<String, NavigableMap<Integer, BoundSaga>> byName = new LinkedHashMap<>();
    private final Map<Class<?>, BoundSaga> byType = new LinkedHashMap<>();

    /**
     * Registers a saga class, instantiated with its no-argument constructor.
     *
     * @param type the saga class
     * @return the registered saga
     * @throws SagaDefinitionException if the definition is invalid, its name and version are taken, or
     *     the class cannot be instantiated
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
     * @throws SagaDefinitionException if the definition is invalid or its name and version are taken
     * @throws IllegalArgumentException if the target is not an instance of the type
     */
    public synchronized BoundSaga register(Class<?> type, Object target) {
        if (!type.isInstance(target)) {
            throw new IllegalArgumentException(
                    target.getClass().getName() + " is not an instance of " + type.getName());
        }
        return add(SagaDefinitionReader.read(type), target);
    }

    /**
     * Checks a saga class exactly as {@link #register} would, name clashes included, without an
     * object to run it: for a registry that only checks definitions (at deployment).
     *
     * @param type the saga class
     * @return its definition
     * @throws SagaDefinitionException if the definition is invalid or its name and version are taken
     */
    public synchronized SagaDefinition check(Class<?> type) {
        SagaDefinition definition = SagaDefinitionReader.read(type);
        add(definition, null);
        return definition;
    }

    private BoundSaga add(SagaDefinition definition, Object target) {
        NavigableMap<Integer, BoundSaga> versions = byName.computeIfAbsent(definition.name(), k -> new TreeMap<>());
        BoundSaga existing = versions.get(definition.version());
        if (existing != null) {
            throw new SagaDefinitionException(definition.type().getName(), null, "the saga name '" + definition.name()
                    + "' with version " + definition.version() + " is already used by "
                    + existing.definition().type().getName() + "; a saga name and version must be unique (give the"
                    + " newer class a higher @Saga(version))");
        }
        BoundSaga bound = new BoundSaga(definition, target);
        versions.put(definition.version(), bound);
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
     * @return its highest registered version (the one new instances start on), or null
     */
    public synchronized BoundSaga byName(String name) {
        NavigableMap<Integer, BoundSaga> versions = byName.get(name);
        return versions == null ? null : versions.lastEntry().getValue();
    }

    /**
     * @param name a saga name
     * @param version a version of it
     * @return that version of the saga, or null if it is not registered
     */
    public synchronized BoundSaga byName(String name, int version) {
        NavigableMap<Integer, BoundSaga> versions = byName.get(name);
        return versions == null ? null : versions.get(version);
    }

    /**
     * @param name a saga name
     * @return its registered versions, ascending (empty if none)
     */
    public synchronized List<Integer> versions(String name) {
        NavigableMap<Integer, BoundSaga> versions = byName.get(name);
        return versions == null ? List.of() : List.copyOf(versions.keySet());
    }

    /**
     * @param type a saga class
     * @return the saga, or null
     */
    public synchronized BoundSaga byType(Class<?> type) {
        return byType.get(type);
    }

    /** @return the registered names, in registration order, each once */
    public synchronized List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** @return whether no saga is registered */
    public synchronized boolean isEmpty() {
        return byName.isEmpty();
    }

    /** @return every registered saga, every version */
    public synchronized List<BoundSaga> all() {
        return List.copyOf(byType.values());
    }
}
