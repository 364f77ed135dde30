package fr.passerelle.platform.database;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Refuses to start when the application's database user may rewrite what must stay as written:
 * the audit trail, the events and the frozen reports; nor remove the pathways and Missions Locales
 * that events and shares refer to. The migrations take those rights from the
 * restricted role; connecting as the schema owner instead would silently void that protection.
 */
@ApplicationScoped
public class DatabaseRoleCheck {

    /** Table and privilege pairs the application's own user must not hold. */
    static final List<String[]> FORBIDDEN = List.of(
            new String[] {"audit_record", "UPDATE"}, new String[] {"audit_record", "DELETE"}, new String[] {"audit_record", "TRUNCATE"},
            new String[] {"pathway_event", "UPDATE"}, new String[] {"pathway_event", "DELETE"}, new String[] {"pathway_event", "TRUNCATE"},
            new String[] {"indicator_report", "UPDATE"}, new String[] {"indicator_report", "DELETE"},
            new String[] {"indicator_report", "TRUNCATE"},
            // Events and shares refer to them without a foreign key (V13): they are never removed.
            new String[] {"pathway", "DELETE"}, new String[] {"pathway", "TRUNCATE"},
            new String[] {"mission_locale", "DELETE"}, new String[] {"mission_locale", "TRUNCATE"});

    private final DataSource dataSource;

    public DatabaseRoleCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void onStart(@Observes StartupEvent started) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<String> held = excessPrivileges(connection);
            if (!held.isEmpty()) {
                throw new IllegalStateException("The database user " + connection.getMetaData().getUserName() + " holds " + held
                        + ": set QUARKUS_DATASOURCE_USERNAME to the restricted application role the migrations create, "
                        + "not the schema owner.");
            }
        }
    }

    /** The forbidden privileges the connection's user holds, as "table PRIVILEGE". */
    static List<String> excessPrivileges(Connection connection) throws SQLException {
        List<String> held = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("select has_table_privilege(current_user, ?, ?)")) {
            for (String[] forbidden : FORBIDDEN) {
                statement.setString(1, forbidden[0]);
                statement.setString(2, forbidden[1]);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    if (row.getBoolean(1)) {
                        held.add(forbidden[0] + " " + forbidden[1]);
                    }
                }
            }
        }
        return held;
    }
}
