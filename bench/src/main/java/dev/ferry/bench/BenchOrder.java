package dev.ferry.bench;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.SQLException;

/** The JPA entity of the write-overhead figure: one order row per transaction. */
@Entity
@Table(name = "bench_order", schema = WriteOverhead.SCHEMA)
public class BenchOrder {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 100)
    private String customer;

    @Column(name = "total_cents", nullable = false)
    private long totalCents;

    /** For JPA. */
    protected BenchOrder() {
    }

    /**
     * Creates the table this entity maps to, in {@code schema} (figure 3 and its bound rows write it).
     *
     * @param db the bench's database
     * @param schema an existing schema
     */
    static void createTable(Db db, String schema) throws SQLException {
        db.execute("CREATE TABLE " + schema + ".bench_order (id VARCHAR(36) PRIMARY KEY,"
                + " customer VARCHAR(100) NOT NULL,"
                + " total_cents BIGINT NOT NULL)");
    }

    /**
     * @param id the order id
     * @param customer who ordered
     * @param totalCents the amount
     */
    public BenchOrder(String id, String customer, long totalCents) {
        this.id = id;
        this.customer = customer;
        this.totalCents = totalCents;
    }

    /** @return the order id */
    public String getId() {
        return id;
    }
}
