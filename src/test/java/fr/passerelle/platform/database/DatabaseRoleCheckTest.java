package fr.passerelle.platform.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatabaseRoleCheckTest {

    private final DataSource dataSource;
    private final String url;
    private final String owner;
    private final String ownerPassword;

    DatabaseRoleCheckTest(DataSource dataSource, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.flyway.username") String owner,
            @ConfigProperty(name = "quarkus.flyway.password") String ownerPassword) {
        this.dataSource = dataSource;
        this.url = url;
        this.owner = owner;
        this.ownerPassword = ownerPassword;
    }

    @Test
    void theApplicationsOwnUserCannotRewriteTheAuditTrailTheEventsOrTheFrozenReports() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(List.of(), DatabaseRoleCheck.excessPrivileges(connection));
        }
    }

    @Test
    void theSchemaOwnerIsRefusedAsTheApplicationsUser() throws Exception {
        try (Connection connection = DriverManager.getConnection(url, owner, ownerPassword)) {
            List<String> held = DatabaseRoleCheck.excessPrivileges(connection);
            assertTrue(held.contains("audit_record DELETE"), held.toString());
            assertEquals(DatabaseRoleCheck.FORBIDDEN.size(), held.size(), held.toString());
        }
    }
}
