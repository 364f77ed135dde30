package fr.passerelle.pathway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The seq of an event is the order of recording: the fold breaks ties between steps of the same day
 * with it, and the latest correction of an event is the one with the highest seq. Requests about a
 * pathway run one after the other (its row is locked), but each through whichever pooled connection
 * it gets.
 */
@QuarkusTest
class RecordingOrderTest {

    @Inject
    DataSource dataSource;

    @Test
    void anEventRecordedLaterThroughAnotherConnectionGetsAHigherSeq() throws SQLException {
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            long earlier = nextSeq(first);
            long meanwhile = nextSeq(second);
            long later = nextSeq(first);
            assertTrue(earlier < meanwhile && meanwhile < later, "seq " + earlier + ", then " + meanwhile + ", then " + later);
        }
    }

    private static long nextSeq(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet next = statement.executeQuery("select nextval('pathway_event_seq')")) {
            next.next();
            return next.getLong(1);
        }
    }
}
