package dev.ferry.sample.it.matrix.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;

/**
 * {@code POST /invoices {"amountCents": n}} answers 201 {@code {"invoiceId": …, "sagaId": …}} (400 for bad input);
 * {@code GET /health} answers once the application is deployed. JSON is read and written with JSON-P, so the
 * server's JSON binding plays no part.
 */
@Path("/")
@RequestScoped
public class InvoiceResource {

    @Inject
    InvoiceService invoices;

    @POST
    @Path("invoices")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        long amount;
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            JsonObject request = reader.readObject();
            JsonNumber n = request.getJsonNumber("amountCents");
            if (n == null) {
                return badRequest("amountCents is required");
            }
            amount = n.longValueExact();
        } catch (JsonException | ClassCastException | ArithmeticException e) {
            return badRequest("expected {\"amountCents\": <whole number>}");
        }
        String[] ids = invoices.create(amount);
        String json = Json.createObjectBuilder().add("invoiceId", ids[0]).add("sagaId", ids[1]).build().toString();
        return Response.status(Response.Status.CREATED).entity(json).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("health")
    @Produces(MediaType.APPLICATION_JSON)
    public String health() {
        return "{\"status\":\"UP\"}";
    }

    private static Response badRequest(String message) {
        String json = Json.createObjectBuilder().add("error", message).build().toString();
        return Response.status(Response.Status.BAD_REQUEST).entity(json).type(MediaType.APPLICATION_JSON).build();
    }
}
