package dev.ferry.sample.it.matrix;

import dev.ferry.sample.it.matrix.AppServer.Pool;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Payara Server 6 (EclipseLink) with a non-XA PostgreSQL pool ({@code PGSimpleDataSource},
 * {@code javax.sql.DataSource}, everything else at Payara's defaults) behind {@code jdbc/__default}: each saga step,
 * its saga record and its outbox message commit in one database transaction, a failed attempt leaves nothing, a
 * kill -9 mid-burst loses and duplicates nothing and the sagas finish quickly after the restart (see
 * {@link AtomicityChecks}); adding Ferry's jars to a WAR leaves its JSON as Payara's JSON-B writes it; and with
 * {@code ferry.transactions=transaction-manager}, which this pool does not enlist, the deployment is refused.
 */
class PayaraNonXaIT extends AtomicityChecks {

    @Override
    protected AppServer server(String database, Path workDir) {
        return new PayaraServer(Pool.NON_XA, database, workDir);
    }

    @Override
    protected String database() {
        return "ferry_matrix_payara_nonxa";
    }

    @Test
    @Order(0)
    void jsonIsTheServersJsonbWithAndWithoutFerry() throws Exception {
        checkJsonWithAndWithoutFerry();
    }

    @Test
    @Order(0)
    void ferryUsesTheApplicationsFerryJsonMapper() throws Exception {
        checkApplicationMapper();
    }

    @Test
    @Order(0)
    void transactionsBegunOnTheTransactionManagerFailTheDeploymentNamingTheSetting() throws Exception {
        checkDeploymentRefusedWithoutEnlistment();
    }
}
