package dev.ferry.runtime.se;

/** The XA data source class of each supported JDBC driver, chosen by the URL's prefix. */
final class XaDataSourceClasses {

    private XaDataSourceClasses() {
    }

    static Class<?> forUrl(String jdbcUrl) {
        String name;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            name = "org.postgresql.xa.PGXADataSource";
        } else if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
            name = "org.mariadb.jdbc.MariaDbDataSource";
        } else if (jdbcUrl.startsWith("jdbc:h2:")) {
            name = "org.h2.jdbcx.JdbcDataSource";
        } else if (jdbcUrl.startsWith("jdbc:sqlserver:")) {
            name = "com.microsoft.sqlserver.jdbc.SQLServerXADataSource";
        } else if (jdbcUrl.startsWith("jdbc:oracle:")) {
            name = "oracle.jdbc.xa.client.OracleXADataSource";
        } else {
            throw new IllegalArgumentException("No XA data source known for " + jdbcUrl
                    + "; supported: jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:, jdbc:h2:, jdbc:sqlserver:,"
                    + " jdbc:oracle:");
        }
        try {
            return Class.forName(name, true, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : XaDataSourceClasses.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The JDBC driver for " + jdbcUrl + " is not on the class path (" + name
                    + " is missing)", e);
        }
    }
}
