package fr.passerelle.platform;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.ProblemType;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.quarkus.arc.ArcUndeclaredThrowableException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;

/** Test-only endpoints raising the failures no production endpoint can be made to raise on demand yet. */
@Path("/test-support/problems")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ProblemTriggers {

    public static final String SECRET = "jdbc-password=hunter2-do-not-leak";

    @GET
    @Path("/too-many-requests")
    public String tooManyRequests() {
        throw new ApiException(ProblemType.TOO_MANY_REQUESTS, "Slow down.", List.of(), Map.of("Retry-After", "30"));
    }

    @GET
    @Path("/unexpected")
    public String unexpected() {
        throw new IllegalStateException("connection refused with " + SECRET);
    }

    @GET
    @Path("/database-down")
    public String databaseDown() {
        throw new JDBCConnectionException("x", new SQLException());
    }

    /** The database out of reach, as the layers between the driver and the resource hand it over. */
    @GET
    @Path("/database-down/{how}")
    public String databaseDownWrapped(@PathParam("how") String how) {
        RuntimeException failure = switch (how) {
            case "commit-failed" -> {
                // What a transaction whose connection broke throws: CDI wrapping the transaction manager's checked exception.
                RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
                rollback.initCause(new JDBCConnectionException("Unable to acquire JDBC Connection", new SQLException("refused", "08001")));
                yield new ArcUndeclaredThrowableException("Error invoking subclass method", rollback);
            }
            case "pool-timeout" -> new GenericJDBCException("Unable to acquire JDBC Connection",
                    new SQLException("Acquisition timeout while waiting for new connection", new TimeoutException()));
            case "server-shutting-down" -> new PersistenceException(new SQLException(
                    "terminating connection due to administrator command", "57P01"));
            case "connection-broken" -> new IllegalStateException(new SQLException("An I/O error occurred", "08006"));
            default -> new IllegalArgumentException(how);
        };
        throw failure;
    }
}
