package fr.passerelle.platform.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells whether a failure comes from the database being out of reach, however deeply the
 * transaction manager, Hibernate or CDI wrapped it: a refused or broken connection, a server
 * shutting down or starting up, a connection pool that could not hand out a connection in time.
 * Such a failure is temporary for the caller: 503 with Retry-After, never 500.
 */
public final class DatabaseUnavailable {

    /** Deeper than any wrapping seen; bounds the walk should a cause chain loop. */
    private static final int MAX_DEPTH = 32;

    private DatabaseUnavailable() {
    }

    /**
     * Walks the causes, the next exceptions of SQL exceptions and the suppressed exceptions: a commit
     * that fails on a broken connection comes as a RollbackException holding the driver's failure as
     * a suppressed XAException only.
     */
    public static boolean causedBy(Throwable failure) {
        return causedBy(failure, 0);
    }

    private static boolean causedBy(Throwable failure, int depth) {
        Throwable cause = failure;
        for (int step = depth; cause != null && step < MAX_DEPTH; step++) {
            if (isUnavailability(cause)) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (causedBy(suppressed, step + 1)) {
                    return true;
                }
            }
            cause = cause instanceof SQLException sql && sql.getNextException() != null ? sql.getNextException() : cause.getCause();
        }
        return false;
    }

    private static boolean isUnavailability(Throwable cause) {
        if (cause instanceof JDBCConnectionException || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (!(cause instanceof SQLException sql)) {
            return false;
        }
        String state = sql.getSQLState();
        if (state == null) {
            // The pool (Agroal) gives no SQL state when no connection could be had in time.
            return String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains("acquisition timeout");
        }
        // 08: connection exception; 57P01-57P03: admin or crash shutdown, cannot connect now;
        // 53: insufficient resources (too many connections, disk full, out of memory).
        return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
    }
}
