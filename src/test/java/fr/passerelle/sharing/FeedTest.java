package fr.passerelle.sharing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.pathway.EventData;
import fr.passerelle.pathway.EventOutcome;
import fr.passerelle.pathway.EventSubmission;
import fr.passerelle.pathway.EventType;
import fr.passerelle.pathway.PathwayWriteService;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Feeds;
import fr.passerelle.support.MovableClock;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FeedTest {

    private static final String DEPARTEMENT = "971";
    private static final String CONCURRENT_DEPARTEMENT = "974";
    private static final LocalDate TODAY = Pathways.today();

    @Inject
    PathwayWriteService write;

    @Inject
    EntityManager entityManager;

    @Inject
    FeedService feedService;

    @Inject
    MovableClock clock;

    @Test
    void aDepartementsFeedHasEveryEventOfItsPathwaysInTheOrderTheyWereRecorded() {
        String token = Tokens.departement(DEPARTEMENT);
        String start = Feeds.end(token);
        UUID first = Pathways.register(DEPARTEMENT);
        UUID second = Pathways.register(DEPARTEMENT);
        List<String> batch = CloudEvents.pushBatch(token, List.of(
                CloudEvents.about(first, "rights.information-given.v1", TODAY, Map.of("topics", List.of("HOUSING"))),
                CloudEvents.about(second, "fragility.assessed.v1", TODAY, Map.of("criteria", List.of("MOBILITY"))),
                CloudEvents.about(first, "fragility.assessed.v1", TODAY.minusDays(3), Map.of("criteria", List.of()))))
                .statusCode(200).body("accepted", equalTo(3)).extract().path("results.eventId");
        String consent = Pathways.step(token, second, "consents", TODAY, null).statusCode(201).extract().path("id");
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String solicitation = Pathways.step(token, first, "solicitations", TODAY, Map.of("missionLocaleId", missionLocale.toString()))
                .statusCode(201).extract().path("id");
        List<List<String>> writes = List.of(batch, List.of(consent), List.of(solicitation));

        List<Map<String, Object>> feed = Feeds.followUntilEvent(token, start, solicitation).stream()
                .filter(entry -> Feeds.isAbout(entry, first) || Feeds.isAbout(entry, second)).toList();
        assertTrue(feed.stream().allMatch(entry -> "EVENT".equals(entry.get("kind"))));
        List<String> ids = feed.stream().map(Feeds::eventId).toList();
        Map<String, Object> pathwayOf = feed.stream().collect(Collectors.toMap(Feeds::eventId, entry -> entry.get("pathwayId")));
        assertEquals(Set.copyOf(timelineIds(first)), Set.copyOf(ids.stream().filter(id -> pathwayOf.get(id).equals(first.toString())).toList()),
                "every event of the pathway is in the feed");
        assertEquals(Set.copyOf(timelineIds(second)), Set.copyOf(ids.stream().filter(id -> pathwayOf.get(id).equals(second.toString())).toList()));
        assertEquals(List.of(first.toString(), first.toString(), second.toString(), second.toString()),
                ids.subList(0, 4).stream().map(pathwayOf::get).toList(), "the registrations come first, in their order");
        int position = 4;
        for (List<String> write : writes) {
            List<String> together = ids.subList(position, position + write.size());
            assertEquals(Set.copyOf(write), Set.copyOf(together), "the events of a write follow those of earlier writes");
            for (UUID pathway : List.of(first, second)) {
                assertEquals(write.stream().filter(id -> pathwayOf.get(id).equals(pathway.toString())).toList(),
                        together.stream().filter(id -> pathwayOf.get(id).equals(pathway.toString())).toList(),
                        "a pathway's events come in the order they were recorded");
            }
            position += write.size();
        }
        assertEquals(ids.size(), position);
        Map<String, Object> opening = feed.stream().filter(entry -> "ase.support-started.v1".equals(Feeds.label(entry)))
                .findFirst().orElseThrow();
        assertEquals("ACCUEILLI", ((Map<?, ?>) ((Map<?, ?>) opening.get("event")).get("data")).get("placement"),
                "the owning département reads the full data");
    }

    @Test
    void aMissionLocalesFeedRunsFromTheStartToTheEndOfItsShareAndShowsOnlyWhatItMaySee() {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        String departement = Tokens.departement(DEPARTEMENT);
        UUID pathway = Pathways.register(DEPARTEMENT);
        Pathways.step(departement, pathway, "rights-information", TODAY, Map.of("topics", List.of("HOUSING"))).statusCode(201);
        String solicitation = Pathways.step(departement, pathway, "solicitations", TODAY,
                Map.of("missionLocaleId", missionLocale.toString())).statusCode(201).extract().path("id");
        String change = given().auth().oauth2(departement).header("If-Match", Pathways.etag(departement, pathway))
                .contentType(ContentType.JSON).body(Map.of("occurredOn", TODAY.toString(),
                        "data", Map.of("placement", "A_DOMICILE", "measure", "ADMINISTRATIVE", "youngAdultContract", true)))
                .put("/api/v1/pathways/" + pathway + "/ase-support").then().statusCode(201).extract().path("id");
        String contact = Pathways.step(token, pathway, "first-contacts", TODAY, Map.of("channel", "PHONE")).statusCode(201)
                .extract().path("id");
        String consent = Pathways.step(departement, pathway, "consents", TODAY, null).statusCode(201).extract().path("id");
        Pathways.step(departement, pathway, "consent-withdrawals", TODAY, null).statusCode(201);
        Pathways.step(departement, pathway, "rights-information", TODAY, Map.of("topics", List.of("HEALTH"))).statusCode(201);
        Pathways.step(departement, pathway, "consents", TODAY, null).statusCode(201);
        UUID later = Pathways.register(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, later, missionLocale);

        List<Map<String, Object>> feed = Feeds.followUntil(token, null, later, "SHARE_STARTED");
        List<Map<String, Object>> entries = Feeds.about(feed, pathway);
        assertEquals(List.of("SHARE_STARTED", "mission-locale.solicited.v1", "ase.support-changed.v1",
                "mission-locale.first-contact.v1", "consent.recorded.v1", "SHARE_ENDED"), entries.stream().map(Feeds::label).toList());
        assertEquals(List.of(solicitation, change, contact, consent), entries.subList(1, 5).stream().map(Feeds::eventId).toList());
        assertEquals(Map.of("status", "ACTIVE", "solicitedOn", TODAY.toString()), entries.get(0).get("share"));
        assertEquals(Map.of("status", "ENDED", "solicitedOn", TODAY.toString(), "endedOn", TODAY.toString()), entries.get(5).get("share"));
        assertEquals(Map.of("youngAdultContract", true), ((Map<?, ?>) entries.get(2).get("event")).get("data"));
        assertEquals(List.of("SHARE_STARTED", "mission-locale.solicited.v1"),
                Feeds.about(feed, later).stream().map(Feeds::label).toList());
    }

    @Test
    void pagingWithAfterAndLimitWalksEveryEntryExactlyOnce() {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        UUID first = Pathways.register(DEPARTEMENT);
        UUID second = Pathways.register(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, first, missionLocale);
        Pathways.solicit(DEPARTEMENT, second, missionLocale);
        CloudEvents.pushBatch(Tokens.departement(DEPARTEMENT), List.of(
                CloudEvents.about(first, "rights.information-given.v1", TODAY, Map.of("topics", List.of("HOUSING"))),
                CloudEvents.about(second, "rights.information-given.v1", TODAY, Map.of("topics", List.of("HEALTH"))),
                CloudEvents.about(first, "fragility.assessed.v1", TODAY, Map.of("criteria", List.of())),
                CloudEvents.about(second, "fragility.assessed.v1", TODAY, Map.of("criteria", List.of())))).statusCode(200);
        String last = Pathways.step(token, second, "first-contacts", TODAY, Map.of("channel", "PHONE")).statusCode(201)
                .extract().path("id");
        List<String> all = Feeds.followUntilEvent(token, null, last).stream().map(entry -> (String) entry.get("cursor")).toList();
        assertEquals(9, all.size());

        List<String> walked = new ArrayList<>();
        String cursor = null;
        while (true) {
            Feeds.Page page = Feeds.page(token, cursor, 2);
            assertTrue(page.entries().size() <= 2);
            if (page.entries().isEmpty()) {
                assertEquals(cursor, page.nextCursor(), "the end of the feed keeps the cursor");
                break;
            }
            page.entries().forEach(entry -> walked.add((String) entry.get("cursor")));
            assertEquals(walked.get(walked.size() - 1), page.nextCursor());
            cursor = page.nextCursor();
        }
        assertEquals(all, walked);
        assertEquals(all.size(), Set.copyOf(walked).size());
        byte[] body = given().auth().oauth2(token).queryParam("limit", 5).get("/api/v1/feed").then().statusCode(200).extract().asByteArray();
        assertEquals('}', body[body.length - 1], "the page ends with its last byte");
    }

    @Test
    void theNextCursorIsGivenEvenWhenThereIsNothingToRead() {
        String token = Tokens.missionLocale(Directory.newMissionLocale(DEPARTEMENT));
        String cursor = given().auth().oauth2(token).get("/api/v1/feed").then().statusCode(200)
                .body("items", hasSize(0)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().auth().oauth2(token).queryParam("after", cursor).get("/api/v1/feed").then().statusCode(200)
                .body("items", hasSize(0)).body("nextCursor", equalTo(cursor));
    }

    @Test
    void anUnchangedFeedAnswers304ToItsETag() {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        UUID pathway = Pathways.register(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, pathway, missionLocale);
        Feeds.followUntil(token, null, pathway, "EVENT");
        String end = Feeds.end(token);
        Feeds.Page page = Feeds.page(token, end, 100);
        assertEquals("\"" + end + "\"", page.etag());
        given().auth().oauth2(token).header("If-None-Match", page.etag()).queryParam("after", end).get("/api/v1/feed")
                .then().statusCode(304).header("ETag", page.etag());
        String event = Pathways.step(Tokens.departement(DEPARTEMENT), pathway, "rights-information", TODAY,
                Map.of("topics", List.of("HOUSING"))).statusCode(201).extract().path("id");
        String next = given().auth().oauth2(token).header("If-None-Match", page.etag()).queryParam("after", end)
                .queryParam("wait", 10).get("/api/v1/feed")
                .then().statusCode(200).body("items.event.id", equalTo(List.of(event))).extract().path("nextCursor");
        given().auth().oauth2(token).queryParam("after", end).get("/api/v1/feed").then().statusCode(200)
                .header("ETag", "\"" + next + "\"");
    }

    @Test
    void aLongPollReturnsAsSoonAsAnEntryArrives() throws Exception {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        UUID pathway = Pathways.register(DEPARTEMENT);
        Pathways.solicit(DEPARTEMENT, pathway, missionLocale);
        Feeds.followUntil(token, null, pathway, "EVENT");
        String end = Feeds.end(token);
        CompletableFuture<String> written = CompletableFuture.supplyAsync(() -> {
            sleep(500);
            return Pathways.step(Tokens.departement(DEPARTEMENT), pathway, "rights-information", TODAY,
                    Map.of("topics", List.of("HOUSING"))).statusCode(201).extract().path("id");
        });
        long started = System.nanoTime();
        Feeds.Page page = Feeds.page(token, end, 100, 2);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(List.of(written.get(10, TimeUnit.SECONDS)), page.entries().stream().map(Feeds::eventId).toList());
        assertTrue(elapsed >= 450 && elapsed < 1800, "answered after " + elapsed + " ms, not as soon as the entry arrived");
    }

    @Test
    void aLongPollWithNothingNewAnswersEmptyOnceTheWaitIsOver() {
        String token = Tokens.missionLocale(Directory.newMissionLocale(DEPARTEMENT));
        String end = Feeds.end(token);
        long started = System.nanoTime();
        Feeds.Page page = Feeds.page(token, end, 100, 2);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(List.of(), page.entries());
        assertEquals(end, page.nextCursor());
        assertTrue(elapsed >= 1900 && elapsed < 6000, "answered after " + elapsed + " ms");
    }

    @Test
    void aCursorNotIssuedHereIs400AndOnePastTheRetentionIs410() {
        String token = Tokens.departement(DEPARTEMENT);
        long monthAgo = Instant.now().minus(Duration.ofDays(31)).getEpochSecond();
        for (String garbage : List.of("not-a-cursor", "a.b.c", Cursor.encode("tx", "1", "0"), Cursor.encode("1", "1"))) {
            given().auth().oauth2(token).queryParam("after", garbage).get("/api/v1/feed").then().statusCode(400)
                    .body("errors[0].parameter", equalTo("after"));
        }
        given().auth().oauth2(token).queryParam("after", Cursor.encode("1", "1", Long.toString(monthAgo))).get("/api/v1/feed")
                .then().statusCode(410).body("type", equalTo("urn:passerelle:problem:gone"));
        for (Map.Entry<String, Integer> outOfRange : List.of(Map.entry("limit", 0), Map.entry("limit", 1001), Map.entry("wait", 26),
                Map.entry("wait", -1))) {
            given().auth().oauth2(token).queryParam(outOfRange.getKey(), outOfRange.getValue()).get("/api/v1/feed")
                    .then().statusCode(400).body("errors[0].parameter", equalTo(outOfRange.getKey()));
        }
    }

    @Test
    void aReaderPollingAQuietFeedKeepsItsCursorFresh() {
        String token = Tokens.missionLocale(Directory.newMissionLocale(DEPARTEMENT));
        List<String> end = Cursor.decode(Feeds.end(token), 3);
        String aging = Cursor.encode(end.get(0), end.get(1), Long.toString(Instant.now().minus(Duration.ofDays(29)).getEpochSecond()));
        String next = Feeds.page(token, aging, 100).nextCursor();
        clock.moveTo(TODAY.plusDays(2));
        try {
            Feeds.Page page = Feeds.page(token, next, 100);
            assertEquals(List.of(), page.entries());
            assertEquals(end.subList(0, 2), Cursor.decode(page.nextCursor(), 3).subList(0, 2), "the position stays the same");
        } finally {
            clock.reset();
        }
    }

    /** Another replica's purge holds locks on the entries it is removing: the purge leaves them to it rather than wait. */
    @Test
    void thePurgeRemovesEveryEntryPastTheRetentionWithoutWaitingForEntriesAnotherReplicaIsRemoving() throws Exception {
        String audience = "purge-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                insert into feed_entry (audience, kind, pathway_id, recorded_at, payload)
                select ?1, 'EVENT', gen_random_uuid(), now() - interval '31 days' - n * interval '1 second', '{}'
                from generate_series(0, 12000) n
                union all select ?1, 'EVENT', gen_random_uuid(), now(), '{}'""").setParameter(1, audience).executeUpdate());
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> otherReplica = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                entityManager.createNativeQuery("select seq from feed_entry where audience = ?1 order by recorded_at limit 1 for update")
                        .setParameter(1, audience).getSingleResult();
                locked.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(locked.await(10, TimeUnit.SECONDS));
            pool.submit(feedService::purge).get(30, TimeUnit.SECONDS);
            release.countDown();
            otherReplica.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        Number left = QuarkusTransaction.requiringNew().call(() -> (Number) entityManager
                .createNativeQuery("select count(*) from feed_entry where audience = ?1").setParameter(1, audience).getSingleResult());
        assertEquals(2, left.intValue(), "the recent entry and the one the other replica holds");
    }

    @Test
    void theFeedIsForDepartementsAndMissionsLocalesOnly() {
        given().get("/api/v1/feed").then().statusCode(401);
        for (String wrongRole : List.of(Tokens.admin(), Tokens.reporting(), Tokens.dpo())) {
            given().auth().oauth2(wrongRole).get("/api/v1/feed").then().statusCode(403);
        }
    }

    /**
     * Transaction ids are compared as numbers, never as text: 10 follows 9 (as text, "10" sorts
     * first, and a reader past 9 would skip 10 and everything up to "9").
     */
    @Test
    void entriesFollowTransactionOrderWhenTransactionIdsGainADigit() {
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        String token = Tokens.missionLocale(missionLocale);
        UUID pathway = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int txId : List.of(9, 10, 11)) {
                entityManager.createNativeQuery("""
                        insert into feed_entry (audience, tx_id, seq, kind, pathway_id, recorded_at, payload)
                        values (?1, cast(?2 as xid8), 1, 'SHARE_STARTED', ?3, now(), ?4)""")
                        .setParameter(1, missionLocale.toString()).setParameter(2, Integer.toString(txId)).setParameter(3, pathway)
                        .setParameter(4, "{\"kind\":\"SHARE_STARTED\",\"pathwayId\":\"" + pathway + "\",\"recordedAt\":\""
                                + Instant.now() + "\",\"share\":{\"status\":\"ACTIVE\",\"solicitedOn\":\"" + TODAY + "\"}}")
                        .executeUpdate();
            }
        });
        List<String> transactions = new ArrayList<>();
        String cursor = null;
        for (Feeds.Page page = Feeds.page(token, null, 1); !page.entries().isEmpty(); page = Feeds.page(token, cursor, 1)) {
            cursor = page.nextCursor();
            transactions.add(Cursor.decode(cursor, 3).get(0));
        }
        assertEquals(List.of("9", "10", "11"), transactions);
    }

    /**
     * Writers commit out of the order their transactions started (some sleep before committing)
     * while a reader follows the feed: it must still see every event once, in cursor order.
     */
    @Test
    void aReaderFollowingTheFeedSeesEveryEventOnceWhileWritersCommitOutOfOrder() throws Exception {
        int writers = 8;
        int batches = 25;
        String token = Tokens.departement(CONCURRENT_DEPARTEMENT);
        Caller caller = new Caller("feed-concurrency-test", Role.DEPARTEMENT, CONCURRENT_DEPARTEMENT);
        List<List<UUID>> pathways = new ArrayList<>();
        Set<String> ours = new HashSet<>();
        for (int i = 0; i < writers; i++) {
            List<UUID> own = List.of(Pathways.register(CONCURRENT_DEPARTEMENT), Pathways.register(CONCURRENT_DEPARTEMENT));
            pathways.add(own);
            own.forEach(id -> ours.add(id.toString()));
        }
        String start = Feeds.end(token);

        ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<long[]> commits = new ConcurrentLinkedQueue<>();
        AtomicInteger commitOrder = new AtomicInteger();
        AtomicReference<Set<String>> expected = new AtomicReference<>();
        AtomicLong writersDone = new AtomicLong();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<Void> reader = pool.submit(() -> {
                String cursor = start;
                long[] last = {0, 0};
                while (expected.get() == null || !seen.containsAll(expected.get())) {
                    if (expected.get() != null && System.nanoTime() > writersDone.get() + TimeUnit.SECONDS.toNanos(120)) {
                        Set<String> missing = new HashSet<>(expected.get());
                        missing.removeAll(seen);
                        throw new AssertionError("2 minutes after the writers ended, the reader had seen " + seen.size() + " of "
                                + expected.get().size() + " events; missing: " + missing + "; cursor " + cursor);
                    }
                    Feeds.Page page = Feeds.page(token, cursor, 50, 1);
                    for (Map<String, Object> entry : page.entries()) {
                        List<String> keys = Cursor.decode((String) entry.get("cursor"), 3);
                        long[] position = {Long.parseUnsignedLong(keys.get(0)), Long.parseLong(keys.get(1))};
                        int order = Long.compareUnsigned(position[0], last[0]);
                        long[] previous = last;
                        assertTrue(order > 0 || order == 0 && position[1] > previous[1], () -> "cursors go forward: ("
                                + Long.toUnsignedString(position[0]) + ", " + position[1] + ") after (" + Long.toUnsignedString(previous[0])
                                + ", " + previous[1] + ")");
                        last = position;
                        if (ours.contains((String) entry.get("pathwayId"))) {
                            seen.add(Feeds.eventId(entry));
                        }
                    }
                    cursor = page.nextCursor();
                }
                return null;
            });

            List<Future<?>> writing = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                List<UUID> own = pathways.get(w);
                writing.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        long txId = QuarkusTransaction.requiringNew().call(() -> {
                            for (EventOutcome outcome : write.record(caller, batch(own))) {
                                assertEquals(EventOutcome.Status.ACCEPTED, outcome.status());
                                written.add(outcome.eventId().toString());
                            }
                            long id = Long.parseUnsignedLong((String) entityManager
                                    .createNativeQuery("select pg_current_xact_id()::text").getSingleResult());
                            ThreadLocalRandom random = ThreadLocalRandom.current();
                            sleep(random.nextInt(10) == 0 ? 300 + random.nextInt(300) : random.nextInt(20));
                            return id;
                        });
                        commits.add(new long[] {txId, commitOrder.incrementAndGet()});
                    }
                }));
            }
            for (Future<?> writer : writing) {
                writer.get(300, TimeUnit.SECONDS);
            }
            writersDone.set(System.nanoTime());
            expected.set(Set.copyOf(written));
            reader.get(180, TimeUnit.SECONDS);

            assertEquals(writers * batches * 3, written.size());
            assertEquals(expected.get(), Set.copyOf(seen), "every event is read");
            assertEquals(seen.size(), Set.copyOf(seen).size(), "no event is read twice");
            List<long[]> byTransaction = commits.stream().sorted((a, b) -> Long.compareUnsigned(a[0], b[0])).toList();
            long inversions = 0;
            for (int i = 1; i < byTransaction.size(); i++) {
                inversions += byTransaction.get(i)[1] < byTransaction.get(i - 1)[1] ? 1 : 0;
            }
            assertTrue(inversions > 0, "some transactions committed after younger ones: the case this test is about");
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<EventSubmission> batch(List<UUID> pathways) {
        List<EventSubmission> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(new EventSubmission.Readable("urn:test:feed-concurrency", UUID.randomUUID().toString(),
                    EventType.RIGHTS_INFORMATION_GIVEN, new EventSubmission.PathwayReference(pathways.get(i % pathways.size()), null),
                    TODAY, null, new EventData.RightsInformationGiven(List.of(EventData.RightsTopic.HOUSING)), null, null, null,
                    false, null));
        }
        return events;
    }

    private static List<String> timelineIds(UUID pathway) {
        return given().auth().oauth2(Tokens.departement(DEPARTEMENT)).get("/api/v1/pathways/" + pathway + "/events")
                .then().statusCode(200).extract().path("items.id");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
