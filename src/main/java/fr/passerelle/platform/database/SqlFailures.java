package fr.passerelle.platform.database;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Turns a failure of plain JDBC into what the same failure through Hibernate would be, so that the
 * problem mapper answers alike: a lost or refused connection (SQLSTATE class 08) is a
 * {@link JDBCConnectionException} (503 with Retry-After), anything else a persistence failure.
 */
public final class SqlFailures {

    private SqlFailures() {
    }

    public static RuntimeException translate(String what, SQLException e) {
        String state = e.getSQLState();
        if (e instanceof SQLTransientConnectionException || state != null && state.startsWith("08")) {
            return new JDBCConnectionException("Could not " + what, e);
        }
        return new PersistenceException("Could not " + what, e);
    }
}
