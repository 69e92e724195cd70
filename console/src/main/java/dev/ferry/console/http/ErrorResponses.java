package dev.ferry.console.http;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The console's error answers: {@code {"error": message, "status": code}} as JSON, never a stack trace. */
public final class ErrorResponses {

    private static final int MAX_MESSAGE = 2000;

    private ErrorResponses() {
    }

    /**
     * @param status the HTTP status
     * @param message what went wrong, for the operator
     * @return a response builder with the JSON body
     */
    public static Response.ResponseBuilder of(Response.StatusType status, String message) {
        String text = message == null || message.isBlank() ? status.getReasonPhrase() : message;
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE) + "…";
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", text).add("status", status.getStatusCode()).build()
                        .toString());
    }

    /**
     * @param status the HTTP status code
     * @param message what went wrong
     * @return a response builder with the JSON body
     */
    public static Response.ResponseBuilder of(int status, String message) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        if (type == null) {
            type = new Response.StatusType() {
                @Override
                public int getStatusCode() {
                    return status;
                }

                @Override
                public Response.Status.Family getFamily() {
                    return Response.Status.Family.familyOf(status);
                }

                @Override
                public String getReasonPhrase() {
                    return "Error " + status;
                }
            };
        }
        return of(type, message);
    }
}
