package fr.passerelle.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** The log's last guard cuts query strings off URLs, whoever logs them, and leaves other question marks alone. */
class NoQueryStringsInLogsTest {

    private final NoQueryStringsInLogs filter = new NoQueryStringsInLogs();

    @Test
    void aUrlLoggedByALibraryLosesItsQueryString() {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "HTTP Request to %s failed, error id: %s", ExtLogRecord.FormatStyle.PRINTF,
                "io.quarkus.vertx.http.runtime.QuarkusErrorHandler");
        record.setParameters(new Object[] {"/api/v1/pathways?name=Quillebœuf&caseReference=CD33-42", "abc-1"});
        assertTrue(filter.isLoggable(record));
        assertEquals("HTTP Request to /api/v1/pathways?(query removed) failed, error id: abc-1", record.getFormattedMessage());
    }

    @Test
    void aJdbcUrlLosesItsParametersToo() {
        assertEquals("jdbc:postgresql://db:5432/passerelle?(query removed) refused",
                NoQueryStringsInLogs.redact("jdbc:postgresql://db:5432/passerelle?user=app&password=secret refused"));
    }

    @Test
    void otherQuestionMarksStay() {
        for (String text : new String[] {"where id = ? and name = ?", "Is the database up?", "GET /api/v1/pathways? HTTP/1.1"}) {
            assertEquals(text, NoQueryStringsInLogs.redact(text));
        }
    }
}
