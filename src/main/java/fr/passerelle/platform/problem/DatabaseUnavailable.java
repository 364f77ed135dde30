package fr.passerelle.platform.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells whether a failure comes from the database being out of reach, however deeply the
 * transaction manager, Hibernate or CDI wrapped it: a refused or broken connection, a server
 * shutting down or starting up, a connection pool that could not hand out a connection in time.
 * Such a failure is temporary for the caller: 503 with Retry-After, never 500.
 */
public final class DatabaseUnavailable {

    /** More than any wrapping seen; bounds the walk should a cause chain loop. */
    private static final int MAX_VISITS = 64;

    private DatabaseUnavailable() {
    }

    /**
     * Walks the causes and the suppressed failures: a commit that fails reaches the caller as a
     * RollbackException whose driver failure the transaction manager only attaches as suppressed.
     */
    public static boolean causedBy(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        for (int visits = 0; !pending.isEmpty() && visits < MAX_VISITS; visits++) {
            Throwable cause = pending.poll();
            if (isUnavailability(cause)) {
                return true;
            }
            if (cause.getCause() != null && cause.getCause() != cause) {
                pending.add(cause.getCause());
            }
            if (cause instanceof SQLException sql && sql.getNextException() != null) {
                pending.add(sql.getNextException());
            }
            pending.addAll(List.of(cause.getSuppressed()));
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
