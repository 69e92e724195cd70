package dev.ferry.sample.it.matrix.twodb.unconfigured;

import dev.ferry.outbox.FerryOutbox;
import dev.ferry.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Injects the outbox {@code audit}, which its WAR does not configure: the deployment must fail, naming the keys. */
@ApplicationScoped
public class AuditService {

    @Inject
    @FerryOutbox("audit")
    Outbox audit;
}
