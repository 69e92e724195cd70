package dev.ferry.sample.it.matrix.app;

/** The invoice saga's data: a plain bean, as Ferry serializes it with the server's JSON binding. */
public class InvoiceData {

    private String invoiceId;
    private long amountCents;

    public InvoiceData() {
    }

    public InvoiceData(String invoiceId, long amountCents) {
        this.invoiceId = invoiceId;
        this.amountCents = amountCents;
    }

    public String getInvoiceId() {
        return invoiceId;
    }

    public void setInvoiceId(String invoiceId) {
        this.invoiceId = invoiceId;
    }

    public long getAmountCents() {
        return amountCents;
    }

    public void setAmountCents(long amountCents) {
        this.amountCents = amountCents;
    }
}
