package fr.passerelle.platform.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7WithTheRfcVariantAndCarryTheirMillisecond() {
        long millis = 1_798_761_600_123L;
        UUID id = TimeOrderedIds.at(millis);
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(millis, id.getMostSignificantBits() >>> 16);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterAsPostgresqlComparesUuids() {
        for (long millis = 1_700_000_000_000L; millis < 1_700_000_000_000L + 1000; millis++) {
            // PostgreSQL compares uuids as unsigned bytes: the text form compares the same way.
            assertTrue(TimeOrderedIds.at(millis).toString().compareTo(TimeOrderedIds.at(millis + 1).toString()) < 0);
        }
    }

    @Test
    void idsOfOneMillisecondDiffer() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedIds.at(1_700_000_000_000L));
        }
        assertEquals(100_000, ids.size());
    }
}
