package fr.passerelle.pathway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.support.Pathways;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A batch is stored with COPY, which knows no ON CONFLICT. Two batches about different pathways
 * lock nothing in common, so both may find a source key unknown and store it; the one that
 * commits second must then answer those events as duplicates of the first, store none of them,
 * and keep its transaction usable for the rest.
 */
@QuarkusTest
class ConcurrentSourceKeyTest {

    private static final String DEPARTEMENT = "22";
    private static final int EVENTS = 20;

    @Inject
    PathwayWriteService write;

    @Test
    void aBatchWhoseSourceKeysAConcurrentBatchStoredFirstAnswersThemAsDuplicatesOfThatBatch() throws Exception {
        Caller caller = new Caller("copy-race-test", Role.DEPARTEMENT, DEPARTEMENT);
        UUID first = Pathways.register(DEPARTEMENT);
        UUID second = Pathways.register(DEPARTEMENT);
        String source = "urn:test:copy-race:" + UUID.randomUUID();
        long secondVersion = write.record(caller, List.of(step(source, UUID.randomUUID().toString(), second))).get(0).pathwayVersion();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            keys.add(UUID.randomUUID().toString());
        }
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            QuarkusTransaction.begin();
            List<EventOutcome> stored;
            Future<List<EventOutcome>> racing;
            try {
                stored = write.record(caller, batch(source, keys, first));
                racing = other.submit(() -> write.record(caller, batch(source, keys, second)));
                // The racing batch waits on the unique index for this transaction to end.
                try {
                    racing.get(2, TimeUnit.SECONDS);
                    throw new AssertionError("the racing batch did not wait for the first one");
                } catch (TimeoutException waiting) {
                    // as expected
                }
            } catch (RuntimeException | AssertionError e) {
                QuarkusTransaction.rollback();
                throw e;
            }
            QuarkusTransaction.commit();
            List<EventOutcome> raced = racing.get(30, TimeUnit.SECONDS);
            for (int i = 0; i < EVENTS; i++) {
                assertEquals(EventOutcome.Status.ACCEPTED, stored.get(i).status());
                assertEquals(EventOutcome.Status.DUPLICATE, raced.get(i).status(), () -> String.valueOf(raced));
                assertEquals(stored.get(i).eventId(), raced.get(i).eventId());
                assertEquals(first, raced.get(i).pathwayId());
            }
        } finally {
            other.shutdownNow();
        }
        // Nothing of the racing batch reached the second pathway: its next event is the next version.
        List<EventOutcome> again = write.record(caller, batch(source, keys, second));
        assertFalse(again.stream().anyMatch(outcome -> outcome.status() != EventOutcome.Status.DUPLICATE));
        assertEquals(secondVersion + 1,
                write.record(caller, List.of(step(source, UUID.randomUUID().toString(), second))).get(0).pathwayVersion());
    }

    private static List<EventSubmission> batch(String source, List<String> keys, UUID pathway) {
        return keys.stream().map(key -> (EventSubmission) step(source, key, pathway)).toList();
    }

    private static EventSubmission.Readable step(String source, String key, UUID pathway) {
        LocalDate today = Pathways.today();
        return new EventSubmission.Readable(source, key, EventType.RIGHTS_INFORMATION_GIVEN,
                EventSubmission.PathwayReference.byId(pathway), today, null,
                new EventData.RightsInformationGiven(List.of(EventData.RightsTopic.HOUSING)), null, null, null, false, null);
    }
}
