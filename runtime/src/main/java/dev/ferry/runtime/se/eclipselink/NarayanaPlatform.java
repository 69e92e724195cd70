package dev.ferry.runtime.se.eclipselink;

import org.eclipse.persistence.platform.server.ServerPlatformBase;
import org.eclipse.persistence.sessions.DatabaseSession;
import org.eclipse.persistence.sessions.ExternalTransactionController;

/**
 * Lets an EclipseLink JTA persistence unit run in Java SE with Narayana, so JPA entities and outbox
 * messages commit in one transaction. Set it as the unit's target server:
 *
 * <pre>{@code
 * <property name="eclipselink.target-server" value="dev.ferry.runtime.se.eclipselink.NarayanaPlatform"/>
 * }</pre>
 * and pass the environment's JTA data source as {@code jakarta.persistence.jtaDataSource} when
 * creating the {@code EntityManagerFactory}.
 */
public class NarayanaPlatform extends ServerPlatformBase {

    /** @param session the EclipseLink session */
    public NarayanaPlatform(DatabaseSession session) {
        super(session);
    }

    @Override
    public Class<? extends ExternalTransactionController> getExternalTransactionControllerClass() {
        return NarayanaTransactionController.class;
    }
}
