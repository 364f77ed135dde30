package fr.passerelle.platform.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.ArcUndeclaredThrowableException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class DatabaseUnavailableTest {

    /** As the transaction manager reports a commit whose connection broke: the driver's failure only as suppressed. */
    private static Throwable failedCommit(Throwable driverFailure) {
        XAException xa = new XAException(XAException.XA_RBROLLBACK);
        xa.initCause(driverFailure);
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        return new ArcUndeclaredThrowableException(rollback);
    }

    @Test
    void aCommitThatLostItsConnectionIsAnUnavailableDatabase() {
        assertTrue(DatabaseUnavailable.causedBy(failedCommit(
                new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE))));
    }

    @Test
    void aCommitRefusedForAnotherReasonIsNot() {
        assertFalse(DatabaseUnavailable.causedBy(failedCommit(new SQLException("duplicate key", "23505"))));
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.initCause(second);
        assertFalse(DatabaseUnavailable.causedBy(first));
    }
}
