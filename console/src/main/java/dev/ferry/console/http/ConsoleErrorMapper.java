package dev.ferry.console.http;

import dev.ferry.saga.UnknownSagaException;
import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;

/**
 * Turns every failure of a console resource into a JSON error: an unknown saga 404, a refused input
 * 400, an action the saga's state does not allow 409, an HTTP error its own status, anything else 500
 * with a reference to the server log (where the stack trace goes). Registered by the console's
 * application only (no {@code @Provider}), so the application's own errors are mapped as before.
 */
public class ConsoleErrorMapper implements ExceptionMapper<Throwable> {

    private static final System.Logger LOG = System.getLogger(ConsoleErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException web) {
            Response r = web.getResponse();
            if (r.hasEntity()) {
                return r;
            }
            return ErrorResponses.of(r.getStatus(), web.getMessage()).build();
        }
        if (e instanceof UnknownSagaException unknown) {
            return ErrorResponses.of(Response.Status.NOT_FOUND, unknown.getMessage()).build();
        }
        if (e instanceof IllegalArgumentException || e instanceof JsonException) {
            return ErrorResponses.of(Response.Status.BAD_REQUEST, e.getMessage()).build();
        }
        if (e instanceof IllegalStateException) {
            return ErrorResponses.of(Response.Status.CONFLICT, e.getMessage()).build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(System.Logger.Level.ERROR, "Ferry console request failed (reference " + reference + ")", e);
        return ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR, "The console could not answer: "
                + e.getClass().getSimpleName() + "; see the server log, reference " + reference).build();
    }
}
