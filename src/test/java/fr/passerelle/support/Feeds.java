package fr.passerelle.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads an organisation's change feed as a client following it would. */
public final class Feeds {

    public static final int MAX_PAGE = 1000;

    private Feeds() {
    }

    /** One page of the feed. */
    public record Page(List<Map<String, Object>> entries, String nextCursor, String etag) {
    }

    public static Page page(String token, String after, int limit) {
        return page(token, after, limit, 0);
    }

    public static Page page(String token, String after, int limit, int waitSeconds) {
        RequestSpecification request = given().auth().oauth2(token).queryParam("limit", limit);
        if (after != null) {
            request.queryParam("after", after);
        }
        if (waitSeconds > 0) {
            request.queryParam("wait", waitSeconds);
        }
        ExtractableResponse<Response> response = request.get("/api/v1/feed").then().statusCode(200).extract();
        return new Page(response.jsonPath().getList("items"), response.path("nextCursor"), response.header("ETag"));
    }

    /** The cursor at the current end of the feed: whatever is written from now on comes after it. */
    public static String end(String token) {
        String cursor = null;
        while (true) {
            Page page = page(token, cursor, MAX_PAGE);
            cursor = page.nextCursor();
            if (page.entries().isEmpty()) {
                return cursor;
            }
        }
    }

    /**
     * Follows the feed from the cursor until the entries read so far satisfy {@code done}; fails
     * after the timeout. Entries only show once every older transaction has ended, hence the wait.
     */
    public static List<Map<String, Object>> follow(String token, String after, Predicate<List<Map<String, Object>>> done,
            Duration timeout) {
        List<Map<String, Object>> read = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        String cursor = after;
        while (!done.test(read)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The feed did not deliver what was expected within " + timeout + "; read: " + read);
            }
            Page page = page(token, cursor, MAX_PAGE, 1);
            read.addAll(page.entries());
            cursor = page.nextCursor();
        }
        return read;
    }

    /** Follows the feed until it holds an entry of the given kind about the pathway. */
    public static List<Map<String, Object>> followUntil(String token, String after, UUID pathway, String kind) {
        return follow(token, after, read -> read.stream().anyMatch(entry -> isAbout(entry, pathway) && kind.equals(entry.get("kind"))),
                Duration.ofSeconds(30));
    }

    /** Follows the feed until it holds the event. */
    public static List<Map<String, Object>> followUntilEvent(String token, String after, String eventId) {
        return follow(token, after, read -> read.stream().anyMatch(entry -> eventId.equals(eventId(entry))), Duration.ofSeconds(30));
    }

    public static boolean isAbout(Map<String, Object> entry, UUID pathway) {
        return pathway.toString().equals(entry.get("pathwayId"));
    }

    public static List<Map<String, Object>> about(List<Map<String, Object>> entries, UUID pathway) {
        return entries.stream().filter(entry -> isAbout(entry, pathway)).toList();
    }

    /** The id of the event an EVENT entry carries; null for a share notice. */
    @SuppressWarnings("unchecked")
    public static String eventId(Map<String, Object> entry) {
        Object event = entry.get("event");
        return event == null ? null : (String) ((Map<String, Object>) event).get("id");
    }

    /** The type of the event an EVENT entry carries, or the kind of a share notice. */
    @SuppressWarnings("unchecked")
    public static String label(Map<String, Object> entry) {
        Object event = entry.get("event");
        return event == null ? (String) entry.get("kind") : (String) ((Map<String, Object>) event).get("type");
    }
}
