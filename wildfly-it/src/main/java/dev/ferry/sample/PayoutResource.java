package dev.ferry.sample;

import dev.ferry.saga.SagaCoordinator;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code POST /payouts?payee=..&amountCents=..} starts a payout saga; {@code PUT /payouts/provider?up=false}
 * takes the payment provider down (a payout then suspends for an operator), {@code up=true} brings it back.
 */
@Path("/payouts")
@Produces(MediaType.APPLICATION_JSON)
public class PayoutResource {

    @Inject
    SagaCoordinator sagas;

    @Inject
    PaymentProvider provider;

    /**
     * @param payee who is paid
     * @param amountCents how much
     * @return {@code {"sagaId": ...}}
     */
    @POST
    public Map<String, String> start(@QueryParam("payee") String payee, @QueryParam("amountCents") long amountCents) {
        if (payee == null || payee.isBlank() || payee.length() > 100) {
            throw new BadRequestException("payee", "payee is required, at most 100 characters");
        }
        return Map.of("sagaId", sagas.start(PayoutSaga.class, new PayoutData(payee, amountCents, null)).toString());
    }

    /**
     * @param up whether the provider takes transfers
     * @return {@code {"up": ...}}
     */
    @PUT
    @Path("provider")
    public Map<String, Boolean> provider(@QueryParam("up") boolean up) {
        provider.setUp(up);
        return Map.of("up", up);
    }
}
