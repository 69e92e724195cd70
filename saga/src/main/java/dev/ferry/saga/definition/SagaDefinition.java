package dev.ferry.saga.definition;

import java.util.List;

/**
 * A saga read from its {@link dev.ferry.saga.Saga} class: its name, version, data type and steps in
 * order.
 *
 * @param name the saga's name
 * @param version the definition's version
 * @param type the saga class
 * @param dataType the type every step takes
 * @param steps the steps in order
 */
public record SagaDefinition(String name, int version, Class<?> type, Class<?> dataType, List<StepDefinition> steps) {

    /**
     * Copies the step list.
     *
     * @param name the saga's name
     * @param version the definition's version
     * @param type the saga class
     * @param dataType the type every step takes
     * @param steps the steps in order
     */
    public SagaDefinition {
        steps = List.copyOf(steps);
    }

    /** @return the first step */
    public StepDefinition first() {
        return steps.get(0);
    }

    /**
     * @param stepName a step's name
     * @return the step
     * @throws IllegalStateException if the saga has no such step (for example, a stored saga of an
     *     older definition)
     */
    public StepDefinition step(String stepName) {
        StepDefinition s = find(stepName);
        if (s == null) {
            throw new IllegalStateException("Saga '" + name + "' version " + version + " (" + type.getName()
                    + ") has no step '" + stepName + "'");
        }
        return s;
    }

    /**
     * @param stepName a step's name
     * @return whether a step of that name exists
     */
    public boolean hasStep(String stepName) {
        return find(stepName) != null;
    }

    /**
     * A loop, not a stream: it runs before every step a worker takes.
     *
     * @param stepName a step's name
     * @return the step, or null if the saga has none of that name
     */
    public StepDefinition find(String stepName) {
        for (StepDefinition s : steps) {
            if (s.name().equals(stepName)) {
                return s;
            }
        }
        return null;
    }

    /**
     * @param step a step
     * @return the step after it, or null after the last
     */
    public StepDefinition next(StepDefinition step) {
        int i = step.index() + 1;
        return i < steps.size() ? steps.get(i) : null;
    }
}
