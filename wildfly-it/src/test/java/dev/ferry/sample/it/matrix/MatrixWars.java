package dev.ferry.sample.it.matrix;

import dev.ferry.sample.it.matrix.app.Invoice;
import dev.ferry.sample.it.matrix.json.Amount;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WARs the matrix deploys, built as a user would: application classes plus Ferry's jars in WEB-INF/lib. */
final class MatrixWars {

    static final String BEANS_XML = "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
            + " bean-discovery-mode=\"annotated\"/>\n";

    private static final String PERSISTENCE_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
              <!-- The server's default data source (java:comp/DefaultDataSource), the one Ferry uses by default. -->
              <persistence-unit name="invoices" transaction-type="JTA">
                <properties>
                  <property name="eclipselink.ddl-generation" value="create-or-extend-tables"/>
                  <property name="eclipselink.logging.level" value="WARNING"/>
                  <property name="hibernate.hbm2ddl.auto" value="update"/>
                </properties>
              </persistence-unit>
            </persistence>
            """;

    private static final String FERRY_CONFIG = """
            ferry.create-tables=true
            ferry.outbox.publisher=cdi-event
            ferry.outbox.poll-interval=1s
            ferry.saga.poll-interval=1s
            ferry.saga.max-backoff=1s
            """;

    private MatrixWars() {
    }

    /** @return {@code invoices.war}: the invoice service, its saga and its inbox consumer */
    static Path invoices(Path dir) throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "invoices.war")
                .addPackage(Invoice.class.getPackage())
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset(PERSISTENCE_XML), "META-INF/persistence.xml")
                .addAsResource(new StringAsset(FERRY_CONFIG), "META-INF/microprofile-config.properties");
        return export(withFerry(war), dir);
    }

    /**
     * @return {@code soak.war}: the soak's load endpoints, its saga and its latency window; delivered messages
     *     deleted at once, finished sagas kept two minutes
     */
    static Path soak(Path dir) throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "soak.war")
                .addPackage(dev.ferry.sample.it.matrix.soak.SoakResource.class.getPackage())
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset("""
                        ferry.create-tables=true
                        ferry.outbox.publisher=cdi-event
                        ferry.outbox.retention=0
                        ferry.saga.retention=2m
                        ferry.saga.purge-interval=15s
                        ferry.saga.purge-batch-size=1000
                        """), "META-INF/microprofile-config.properties");
        return export(withFerry(war), dir);
    }

    /**
     * @param withFerry whether Ferry's jars (and the one setting Ferry requires) are in the WAR
     * @return a WAR with only a JAX-RS resource returning {@link Amount}
     */
    static Path json(Path dir, boolean withFerry) throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, withFerry ? "json-ferry.war" : "json-plain.war")
                .addPackage(Amount.class.getPackage());
        if (withFerry) {
            war.addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                    .addAsResource(new StringAsset("ferry.create-tables=true\nferry.outbox.publisher=cdi-event\n"),
                            "META-INF/microprofile-config.properties");
            withFerry(war);
        }
        return export(war, dir);
    }

    /**
     * @param jacksonFromServer whether Jackson comes from the server's module (WildFly: a {@code Dependencies}
     *     manifest entry; Jackson's jars in WEB-INF/lib would make WildFly switch the WAR's JAX-RS JSON to Jackson,
     *     {@code WFLYRS0018}) rather than from WEB-INF/lib (Payara)
     * @return {@code parcels.war}: a {@code @FerryJson ObjectMapper} in snake case, an outbox message and a saga
     *     whose data go through it, and a resource the server's JSON-B writes
     */
    static Path applicationMapper(Path dir, boolean jacksonFromServer) throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "parcels.war")
                .addPackage(dev.ferry.sample.it.matrix.jsonmapper.Parcel.class.getPackage())
                .addClass(Amount.class)
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset("ferry.create-tables=true\nferry.outbox.publisher=cdi-event\n"
                        + "ferry.outbox.retention=1h\nferry.saga.poll-interval=1s\n"),
                        "META-INF/microprofile-config.properties");
        if (jacksonFromServer) {
            war.setManifest(new StringAsset("Manifest-Version: 1.0\n"
                    + "Dependencies: com.fasterxml.jackson.core.jackson-databind\n"));
        } else {
            for (Class<?> c : List.of(com.fasterxml.jackson.databind.ObjectMapper.class,
                    com.fasterxml.jackson.core.JsonParser.class, com.fasterxml.jackson.annotation.JsonProperty.class)) {
                war.addAsLibrary(new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            }
        }
        return export(withFerry(war), dir);
    }

    /**
     * @return {@code tm-begun.war}: the JSON WAR with Ferry told to begin its transactions on the JTA
     *     {@code TransactionManager} ({@code ferry.transactions=transaction-manager}) instead of its bean
     */
    static Path transactionManagerBegun(Path dir) throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "tm-begun.war")
                .addPackage(Amount.class.getPackage())
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset("ferry.create-tables=true\nferry.outbox.publisher=cdi-event\n"
                        + "ferry.transactions=transaction-manager\n"), "META-INF/microprofile-config.properties");
        return export(withFerry(war), dir);
    }

    /**
     * @return {@code twodb.war}: an EJB writing to two databases in one XA transaction, the default outbox on the
     *     default data source (orders) and the outbox {@code billing} on {@code java:jboss/datasources/FerryBilling},
     *     both published as CDI events; delivered messages kept an hour
     */
    static Path twoDatabases(Path dir) throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "twodb.war")
                .addPackage(dev.ferry.sample.it.matrix.twodb.CheckoutService.class.getPackage())
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset("""
                        ferry.create-tables=true
                        ferry.outbox.publisher=cdi-event
                        ferry.outbox.poll-interval=1s
                        ferry.outbox.retention=1h
                        ferry.outboxes.billing.datasource=java:jboss/datasources/FerryBilling
                        ferry.outboxes.billing.publisher=cdi-event
                        ferry.outboxes.billing.poll-interval=1s
                        ferry.outboxes.billing.retention=1h
                        """), "META-INF/microprofile-config.properties");
        return export(withFerry(war), dir);
    }

    /** @return {@code unconfigured.war}: injects {@code @FerryOutbox("audit") Outbox} with no key for it */
    static Path unconfiguredOutbox(Path dir) throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "unconfigured.war")
                .addPackage(dev.ferry.sample.it.matrix.twodb.unconfigured.AuditService.class.getPackage())
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset("ferry.outbox.publisher=cdi-event\n"),
                        "META-INF/microprofile-config.properties");
        return export(withFerry(war), dir);
    }

    /** Adds Ferry's jars and their dependencies, as the sample WAR's build resolved them (WEB-INF/lib). */
    static WebArchive withFerry(WebArchive war) {
        WebArchive sample = ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("ferry.sample.war")));
        sample.getContent(p -> p.get().startsWith("/WEB-INF/lib/")).forEach((path, node) -> {
            if (node.getAsset() != null) {
                war.add(node.getAsset(), path);
            }
        });
        return war;
    }

    private static Path export(WebArchive war, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(war.getName());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }
}
