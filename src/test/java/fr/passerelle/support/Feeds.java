package fr.passerelle.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads an organisation's change feed as its software would. */
public final class Feeds {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Feeds() {
    }

    /**
     * The organisation's feed from its oldest entry, read page after page until the entries read so
     * far satisfy {@code done}: an entry is only served once every older transaction has ended.
     */
    public static List<Map<String, Object>> readUntil(String token, Predicate<List<Map<String, Object>>> done) {
        List<Map<String, Object>> entries = new ArrayList<>();
        String after = null;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.test(entries)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the feed never held what was expected; read: " + entries);
            }
            var request = given().auth().oauth2(token).queryParam("limit", 1000).queryParam("wait", 2);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.get("/api/v1/feed").then().statusCode(200).extract().jsonPath();
            entries.addAll(page.getList("entries"));
            after = page.getString("nextCursor");
        }
        return entries;
    }
}
