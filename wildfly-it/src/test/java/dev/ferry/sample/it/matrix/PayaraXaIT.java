package dev.ferry.sample.it.matrix;

import dev.ferry.sample.it.matrix.AppServer.Pool;
import java.nio.file.Path;

/**
 * Payara Server 6 (EclipseLink) with an XA PostgreSQL pool ({@code PGXADataSource}, {@code javax.sql.XADataSource},
 * everything else at Payara's defaults) behind {@code jdbc/__default}: each saga step, its saga record and its
 * outbox message commit in one database transaction, a failed attempt leaves nothing, and a kill -9 mid-burst loses
 * and duplicates nothing and the sagas finish quickly after the restart (see {@link AtomicityChecks}).
 */
class PayaraXaIT extends AtomicityChecks {

    @Override
    protected AppServer server(String database, Path workDir) {
        return new PayaraServer(Pool.XA, database, workDir);
    }

    @Override
    protected String database() {
        return "ferry_matrix_payara_xa";
    }
}
