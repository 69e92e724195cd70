package dev.ferry.runtime.health;

import java.util.ArrayList;
import java.util.List;

/**
 * An engine's health: liveness (its threads run) and readiness (it can do its work).
 *
 * @param liveness checks that fail when a restart is the cure (a relay or worker thread died)
 * @param readiness checks that fail while the engine cannot work (the database does not answer, a
 *     configured threshold is passed)
 */
public record HealthReport(List<CheckResult> liveness, List<CheckResult> readiness) {

    /** Copies the lists. */
    public HealthReport {
        liveness = List.copyOf(liveness);
        readiness = List.copyOf(readiness);
    }

    /** @return whether every check passed */
    public boolean up() {
        return live() && ready();
    }

    /** @return whether every liveness check passed */
    public boolean live() {
        return liveness.stream().allMatch(CheckResult::up);
    }

    /** @return whether every readiness check passed */
    public boolean ready() {
        return readiness.stream().allMatch(CheckResult::up);
    }

    /**
     * @param other another engine's report
     * @return both reports' checks
     */
    public HealthReport and(HealthReport other) {
        List<CheckResult> l = new ArrayList<>(liveness);
        l.addAll(other.liveness);
        List<CheckResult> r = new ArrayList<>(readiness);
        r.addAll(other.readiness);
        return new HealthReport(l, r);
    }

    /**
     * @param name a check's name
     * @return the check
     * @throws IllegalArgumentException if there is none by that name
     */
    public CheckResult check(String name) {
        for (List<CheckResult> list : List.of(liveness, readiness)) {
            for (CheckResult c : list) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("No health check named " + name + " in " + this);
    }
}
