package dev.ferry.console.security;

import dev.ferry.console.http.ConsoleRequestFilter;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotFoundException;

/**
 * Keeps the console's resources inside the console. A Jakarta REST application of the WAR that
 * scans for resources (an {@code Application} that lists no classes) finds the console's resource
 * classes too and would serve them at its own path, without the console's filter (roles, the action
 * header). This interceptor answers 404 to any call that did not pass {@link ConsoleRequestFilter}.
 */
@ConsoleSecured
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class ConsoleGuard {

    @Inject
    HttpServletRequest request;

    /**
     * @param call the resource method's invocation
     * @return what it returns
     * @throws Exception what it throws, or {@link NotFoundException} outside the console
     */
    @AroundInvoke
    public Object onlyThroughTheConsole(InvocationContext call) throws Exception {
        if (request.getAttribute(ConsoleRequestFilter.PASSED) == null) {
            throw new NotFoundException();
        }
        return call.proceed();
    }
}
