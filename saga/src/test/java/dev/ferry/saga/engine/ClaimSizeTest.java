package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.saga.config.SagaSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the claim size follows the backlog and the time a batch takes. */
class ClaimSizeTest {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration QUICK = Duration.ofMillis(50);

    @Test
    void doublesAfterFullQuickClaimsUpToEightTimesTheConfiguredSize() {
        ClaimSize size = new ClaimSize(5, LEASE);
        int[] expected = {5, 10, 20, 40, 40};
        for (int want : expected) {
            int asked = size.next();
            assertEquals(want, asked);
            size.after(asked, asked, QUICK);
        }
    }

    @Test
    void neverAsksForMoreThanOneHundred() {
        ClaimSize size = new ClaimSize(30, LEASE);
        size.after(30, 30, QUICK);
        size.after(60, 60, QUICK);
        assertEquals(ClaimSize.MAX, size.next());
    }

    @Test
    void aShortClaimSetsItBack() {
        ClaimSize size = new ClaimSize(5, LEASE);
        size.after(5, 5, QUICK);
        size.after(10, 10, QUICK);
        size.after(20, 19, QUICK);
        assertEquals(5, size.next());
    }

    @Test
    void aBatchThatTookAQuarterOfTheLeaseSetsItBack() {
        ClaimSize size = new ClaimSize(5, LEASE);
        size.after(5, 5, QUICK);
        assertEquals(10, size.next());
        size.after(10, 10, Duration.ofSeconds(15));
        assertEquals(5, size.next());
    }

    @Test
    void theConfiguredSizeMustBeOneToOneHundred() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SagaSettings.builder().claimBatchSize(0).build());
        assertTrue(e.getMessage().contains("claimBatchSize must be between 1 and 100, was 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SagaSettings.builder().claimBatchSize(101).build());
    }
}
