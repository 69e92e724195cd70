package dev.ferry.console.security;

import dev.ferry.runtime.config.FerryConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The console's two roles, as the resource methods name them in {@code @RolesAllowed}, and the
 * container roles they stand for: {@code ferry.console.viewer-role} (default {@code ferry-viewer}) may
 * read everything, {@code ferry.console.operator-role} (default {@code ferry-operator}) may also act.
 * An operator may read without the viewer role.
 */
@ApplicationScoped
public class ConsoleRoles {

    /** The logical role of the read endpoints. */
    public static final String VIEWER = "ferry-viewer";
    /** The logical role of the actions. */
    public static final String OPERATOR = "ferry-operator";
    /** The key of the container role that stands for {@link #VIEWER}. */
    public static final String VIEWER_KEY = "ferry.console.viewer-role";
    /** The key of the container role that stands for {@link #OPERATOR}. */
    public static final String OPERATOR_KEY = "ferry.console.operator-role";

    private final String viewer;
    private final String operator;

    /** Reads the role names from the application's configuration. */
    public ConsoleRoles() {
        this(FerryConfig.current());
    }

    /**
     * @param config where the role names come from
     * @throws IllegalArgumentException naming the key if a name holds a control character
     */
    ConsoleRoles(FerryConfig config) {
        this.viewer = config.string(VIEWER_KEY, VIEWER);
        this.operator = config.string(OPERATOR_KEY, OPERATOR);
    }

    /**
     * @param logical {@link #VIEWER} or {@link #OPERATOR}
     * @return the container roles any of which grants it (an operator may also view)
     * @throws IllegalArgumentException for another name
     */
    public String[] containerRoles(String logical) {
        if (VIEWER.equals(logical)) {
            return new String[] {viewer, operator};
        }
        if (OPERATOR.equals(logical)) {
            return new String[] {operator};
        }
        throw new IllegalArgumentException("The console knows the roles " + VIEWER + " and " + OPERATOR
                + ", not " + logical);
    }
}
