package dev.ferry.sample.it.matrix;

import dev.ferry.sample.it.matrix.AppServer.Pool;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * WildFly 35 (Hibernate) with a non-XA PostgreSQL {@code data-source} at WildFly's default pool settings as the
 * application's default data source: each saga step, its saga record and its outbox message commit in one database
 * transaction, a failed attempt leaves nothing, a kill -9 mid-burst loses and duplicates nothing and the sagas
 * finish quickly after the restart (see {@link AtomicityChecks}); and adding Ferry's jars to a WAR leaves its JSON
 * as WildFly's JSON-B writes it (no {@code WFLYRS0018}).
 */
class WildFlyNonXaIT extends AtomicityChecks {

    @Override
    protected AppServer server(String database, Path workDir) {
        return new WildFlyServer(Pool.NON_XA, database, workDir);
    }

    @Override
    protected String database() {
        return "ferry_matrix_wildfly_nonxa";
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
}
