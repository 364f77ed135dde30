package fr.passerelle.platform.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/** A commit that fails because the connection broke is the database being out of reach (503), not an internal error. */
class DatabaseUnavailableTest {

    @Test
    void aRollbackAtCommitHoldingABrokenConnectionAsSuppressedIsAnUnavailability() {
        XAException xa = new XAException(XAException.XA_RBROLLBACK);
        xa.initCause(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        assertTrue(DatabaseUnavailable.causedBy(new RuntimeException(rollback)));
    }

    @Test
    void aRollbackForAnotherReasonIsNot() {
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new XAException(XAException.XA_RBINTEGRITY));
        assertFalse(DatabaseUnavailable.causedBy(new RuntimeException(rollback)));
    }
}
