package fr.passerelle.platform;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.ProblemType;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
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
}
