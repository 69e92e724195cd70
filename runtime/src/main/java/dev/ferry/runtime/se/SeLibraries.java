package dev.ferry.runtime.se;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The libraries {@link JavaSeEnvironment} runs on, optional dependencies of {@code ferry-runtime} so
 * that a WAR carries none of them: Narayana (transactions), Agroal (the XA pool) and HikariCP (the
 * worker pool). Missing ones are named, with their Maven coordinates, before anything starts.
 */
final class SeLibraries {

    /** A class of each library → what to add. */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("com.arjuna.ats.jta.TransactionManager", "org.jboss.narayana.jta:narayana-jta");
        REQUIRED.put("org.jboss.logging.Logger", "org.jboss.logging:jboss-logging");
        REQUIRED.put("io.agroal.api.AgroalDataSource", "io.agroal:agroal-pool");
        REQUIRED.put("io.agroal.narayana.NarayanaTransactionIntegration", "io.agroal:agroal-narayana");
        REQUIRED.put("com.zaxxer.hikari.HikariDataSource", "com.zaxxer:HikariCP");
    }

    private SeLibraries() {
    }

    /**
     * @throws IllegalStateException naming every missing library's Maven coordinates
     */
    static void require() {
        List<String> missing = new ArrayList<>();
        REQUIRED.forEach((className, artifact) -> {
            if (!present(className)) {
                missing.add(artifact);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("JavaSeEnvironment needs " + String.join(", ", missing)
                    + " on the class path (optional dependencies of ferry-runtime, which a server provides the"
                    + " equivalent of; see README, Adding Ferry)");
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, SeLibraries.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
