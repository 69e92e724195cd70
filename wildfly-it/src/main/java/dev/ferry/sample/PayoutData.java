package dev.ferry.sample;

/**
 * The payout saga's data.
 *
 * @param payee who is paid
 * @param amountCents how much
 * @param transferId set by the transfer step
 */
public record PayoutData(String payee, long amountCents, String transferId) {

    PayoutData withTransferId(String id) {
        return new PayoutData(payee, amountCents, id);
    }
}
