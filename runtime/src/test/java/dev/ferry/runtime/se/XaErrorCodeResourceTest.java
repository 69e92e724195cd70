package dev.ferry.runtime.se;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLNonTransientConnectionException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/**
 * Which driver failures {@link XaErrorCodeResource} passes on as they are and which it reports as
 * {@code XAER_RMFAIL}. {@code OnePhaseCommitCutTest} shows why, on a real server.
 */
class XaErrorCodeResourceTest {

    @Test
    void mariaDbsCodeZeroBecomesResourceManagerFailureWithTheDriversCause() {
        XAException driver = new XAException("(conn=8) Socket error");
        driver.initCause(new SQLNonTransientConnectionException("(conn=8) Socket error", "08000"));
        XAException reported = XaErrorCodeResource.defined(driver, "one-phase commit", true);
        assertEquals(XAException.XAER_RMFAIL, reported.errorCode);
        assertSame(driver, reported.getCause());
        assertTrue(reported.getMessage().contains("one-phase commit failed with XA error code 0")
                && reported.getMessage().endsWith("(conn=8) Socket error"), reported.getMessage());
    }

    @Test
    void aRuntimeExceptionBecomesResourceManagerFailure() {
        IllegalStateException driver = new IllegalStateException("closed");
        XAException reported = XaErrorCodeResource.defined(driver, "end", false);
        assertEquals(XAException.XAER_RMFAIL, reported.errorCode);
        assertSame(driver, reported.getCause());
    }

    @Test
    void codesTheSpecificationAllowsPassAsTheyAre() {
        for (int code : new int[] {XAException.XA_RBROLLBACK, XAException.XA_RBTRANSIENT, XAException.XA_HEURHAZ,
                XAException.XA_HEURMIX, XAException.XA_RETRY, XAException.XAER_RMERR, XAException.XAER_RMFAIL,
                XAException.XAER_NOTA, XAException.XAER_INVAL, XAException.XAER_PROTO}) {
            XAException driver = new XAException(code);
            assertSame(driver, XaErrorCodeResource.defined(driver, "commit", true), "commit, code " + code);
            assertSame(driver, XaErrorCodeResource.defined(driver, "prepare", false), "prepare, code " + code);
        }
        for (int code : new int[] {XAException.XAER_DUPID, XAException.XAER_OUTSIDE, XAException.XAER_ASYNC}) {
            assertTrue(XaErrorCodeResource.allowed(code, false), "defined: " + code);
            assertFalse(XaErrorCodeResource.allowed(code, true), "not a commit's: " + code);
        }
    }

    @Test
    void codesNoOperationMayThrowBecomeResourceManagerFailure() {
        for (int code : new int[] {0, 1, 2, 10, 99, 108, -1, -10, 1927}) {
            assertFalse(XaErrorCodeResource.allowed(code, false), "code " + code);
            assertFalse(XaErrorCodeResource.allowed(code, true), "commit, code " + code);
        }
        assertNull(XaErrorCodeResource.wrap(null), "a pool of plain connections has no XA resource");
    }
}
