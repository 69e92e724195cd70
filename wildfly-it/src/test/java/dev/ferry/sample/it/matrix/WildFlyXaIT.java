package dev.ferry.sample.it.matrix;

import dev.ferry.sample.it.matrix.AppServer.Pool;
import java.nio.file.Path;

/**
 * WildFly 35 (Hibernate) with the XA PostgreSQL {@code xa-data-source} of {@code configure.cli} as the
 * application's default data source: each saga step, its saga record and its outbox message commit in one database
 * transaction, a failed attempt leaves nothing, and a kill -9 mid-burst loses and duplicates nothing and the sagas
 * finish quickly after the restart (see {@link AtomicityChecks}).
 */
class WildFlyXaIT extends AtomicityChecks {

    @Override
    protected AppServer server(String database, Path workDir) {
        return new WildFlyServer(Pool.XA, database, workDir);
    }

    @Override
    protected String database() {
        return "ferry_matrix_wildfly_xa";
    }
}
