package dev.ferry.runtime.container;

import jakarta.ejb.EJBContext;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The actor of an operator action in a container: the caller's principal, from Jakarta Security's
 * {@link SecurityContext} when the application uses it, else from the {@link EJBContext} of the
 * calling session bean, else {@code "anonymous"}. Asked on the caller's thread, at each action.
 */
public final class CallerName implements Supplier<String> {

    private static final String ANONYMOUS = "anonymous";

    private final BeanManager beanManager;

    /** @param beanManager the application's bean manager */
    public CallerName(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    /** @return the caller's name, {@code "anonymous"} without one */
    @Override
    public String get() {
        String name = fromSecurityContext();
        if (name == null) {
            name = fromEjbContext();
        }
        return name == null || name.isBlank() ? ANONYMOUS : name;
    }

    private String fromSecurityContext() {
        try {
            Instance<SecurityContext> security = beanManager.createInstance().select(SecurityContext.class);
            if (security.isResolvable()) {
                return name(security.get().getCallerPrincipal());
            }
        } catch (RuntimeException | LinkageError e) {
            // no Jakarta Security in this server or application: try the EJB context
        }
        return null;
    }

    private static String fromEjbContext() {
        try {
            EJBContext ejb = (EJBContext) new InitialContext().lookup("java:comp/EJBContext");
            return name(ejb.getCallerPrincipal());
        } catch (NamingException | RuntimeException | LinkageError e) {
            return null; // not called from a session bean
        }
    }

    private static String name(Principal principal) {
        return principal == null ? null : principal.getName();
    }
}
