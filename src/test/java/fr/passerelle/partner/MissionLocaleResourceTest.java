package fr.passerelle.partner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import fr.passerelle.support.Directory;
import fr.passerelle.support.Sirets;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class MissionLocaleResourceTest {

    private static final String PATH = "/api/v1/missions-locales";
    private static final int RACERS = 8;

    private static Map<String, Object> request(String name, String siret, String departementCode, String association,
            Boolean active) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "siret", siret, "departementCode", departementCode,
                "regionalAssociation", association));
        if (active != null) {
            body.put("active", active);
        }
        return body;
    }

    private static Map<String, Object> request(String siret) {
        return request("ML " + UUID.randomUUID(), siret, "33", "ARML Nouvelle-Aquitaine", null);
    }

    private static Response create(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body).post(PATH);
    }

    private static String createdId(Map<String, Object> body) {
        return create(body).then().statusCode(201).extract().path("id");
    }

    private static Response postJson(String json) {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(json).post(PATH);
    }

    // --- create

    @Test
    void anAdminCreatesAMissionLocale() {
        String siret = Sirets.random();
        String name = "Mission Locale " + UUID.randomUUID();
        Response response = create(request(name, siret, "64", "ARML Nouvelle-Aquitaine", null));
        response.then().statusCode(201)
                .header("ETag", notNullValue())
                .body("id", notNullValue())
                .body("name", equalTo(name))
                .body("siret", equalTo(siret))
                .body("departementCode", equalTo("64"))
                .body("regionalAssociation", equalTo("ARML Nouvelle-Aquitaine"))
                .body("active", equalTo(true));
        String id = response.path("id");
        response.then().header("Location", endsWith(PATH + "/" + id));
        given().auth().oauth2(Tokens.reporting()).get(response.header("Location"))
                .then().statusCode(200)
                .header("ETag", equalTo(response.header("ETag")))
                .body("siret", equalTo(siret));
    }

    @Test
    void namesAreStoredTrimmed() {
        String name = "ML trimmed " + UUID.randomUUID();
        create(request("  " + name + "  ", Sirets.random(), "33", "ARML", null))
                .then().statusCode(201).body("name", equalTo(name));
    }

    @Test
    void aSecondMissionLocaleWithTheSameSiretIsAConflict() {
        String siret = Sirets.random();
        createdId(request(siret));
        create(request(siret)).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:conflict"))
                .body("detail", containsString(siret));
    }

    @Test
    void concurrentCreationsWithTheSameSiretCreateOneAndAnswerTheOthers409() throws Exception {
        // Requests racing past the service's own check meet the database's unique constraint: 409 too, never 500.
        for (int round = 0; round < 5; round++) {
            String siret = Sirets.random();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(RACERS);
            try {
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < RACERS; i++) {
                    statuses.add(pool.submit(() -> {
                        start.await();
                        return create(request(siret)).statusCode();
                    }));
                }
                start.countDown();
                List<Integer> answered = new ArrayList<>();
                for (Future<Integer> status : statuses) {
                    answered.add(status.get(30, TimeUnit.SECONDS));
                }
                assertEquals(1, answered.stream().filter(status -> status == 201).count(), "one creation: " + answered);
                assertEquals(RACERS - 1, answered.stream().filter(status -> status == 409).count(), "the others conflict: " + answered);
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void anInvalidSiretIsRefusedWithAPointer() {
        create(request("73282932000075")).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:validation-failed"))
                .body("errors[0].pointer", equalTo("/siret"));
    }

    @Test
    void anUnknownDepartementIsRefused() {
        create(request("ML " + UUID.randomUUID(), Sirets.random(), "20", "ARML", null)).then().statusCode(422)
                .body("type", equalTo("urn:passerelle:problem:validation-failed"))
                .body("errors[0].pointer", equalTo("/departementCode"));
    }

    @Test
    void malformedJsonIs400AndSaysWhere() {
        postJson("{\n  \"name\": \"x\",\n  \"siret\" \"1\"\n}").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:malformed-request"))
                .body("detail", containsString("line 3"))
                .body("detail", containsString("column"));
    }

    @Test
    void anUnknownPropertyIs400AndNamesIt() {
        Map<String, Object> body = request(Sirets.random());
        body.put("nickname", "the best one");
        create(body).then().statusCode(400)
                .body("type", equalTo("urn:passerelle:problem:malformed-request"))
                .body("detail", containsString("nickname"))
                .body("errors[0].pointer", equalTo("/nickname"));
    }

    @Test
    void aValueOfTheWrongJsonTypeIs400WithItsPointer() {
        Map<String, Object> body = request(Sirets.random());
        body.put("active", "sometimes");
        create(body).then().statusCode(400)
                .body("type", equalTo("urn:passerelle:problem:malformed-request"))
                .body("errors[0].pointer", equalTo("/active"))
                .body("detail", containsString("boolean"));
    }

    @Test
    void aMissingRequiredFieldIs422WithItsPointer() {
        Map<String, Object> body = request(Sirets.random());
        body.remove("name");
        create(body).then().statusCode(422)
                .body("type", equalTo("urn:passerelle:problem:validation-failed"))
                .body("errors.pointer", hasItem("/name"));
    }

    @Test
    void anEmptyBodyIs422() {
        postJson("").then().statusCode(422)
                .contentType("application/problem+json");
    }

    // --- read and update

    @Test
    void anUnknownIdIsNotFound() {
        given().auth().oauth2(Tokens.admin()).get(PATH + "/" + UUID.randomUUID())
                .then().statusCode(404).body("type", equalTo("urn:passerelle:problem:not-found"));
    }

    @Test
    void anUpdateWithTheCurrentETagSucceedsAndChangesTheETag() {
        String id = createdId(request(Sirets.random()));
        String etag = given().auth().oauth2(Tokens.admin()).get(PATH + "/" + id)
                .then().statusCode(200).extract().header("ETag");
        String newSiret = Sirets.random();
        String newEtag = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(request("Renamed " + id, newSiret, "40", "ARML NA", null))
                .put(PATH + "/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("Renamed " + id))
                .body("siret", equalTo(newSiret))
                .body("departementCode", equalTo("40"))
                .extract().header("ETag");
        assertNotNull(newEtag);
        assertNotEquals(etag, newEtag);
        given().auth().oauth2(Tokens.admin()).get(PATH + "/" + id)
                .then().header("ETag", equalTo(newEtag)).body("name", equalTo("Renamed " + id));
    }

    @Test
    void aStaleIfMatchIsRefusedWith412() {
        String id = createdId(request(Sirets.random()));
        String etag = given().auth().oauth2(Tokens.admin()).get(PATH + "/" + id).header("ETag");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(request(Sirets.random())).put(PATH + "/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(request(Sirets.random())).put(PATH + "/" + id)
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:precondition-failed"));
    }

    @Test
    void anUpdateWithoutIfMatchIsRefusedWith428() {
        String id = createdId(request(Sirets.random()));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(request(Sirets.random())).put(PATH + "/" + id)
                .then().statusCode(428)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:precondition-required"));
    }

    @Test
    void anUpdateCannotTakeTheSiretOfAnother() {
        String taken = Sirets.random();
        createdId(request(taken));
        String id = createdId(request(Sirets.random()));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", "*")
                .body(request(taken)).put(PATH + "/" + id)
                .then().statusCode(409).body("type", equalTo("urn:passerelle:problem:conflict"));
    }

    @Test
    void updatingAnUnknownIdIsNotFound() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(request(Sirets.random())).put(PATH + "/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void aDeactivatedMissionLocaleLosesAccess() {
        String siret = Sirets.random();
        String name = "ML closing " + UUID.randomUUID();
        String id = createdId(request(name, siret, "33", "ARML", null));
        String token = Tokens.missionLocale(UUID.fromString(id));
        given().auth().oauth2(token).get("/api/v1/departements/33").then().statusCode(200);
        String etag = given().auth().oauth2(Tokens.admin()).get(PATH + "/" + id).header("ETag");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(request(name, siret, "33", "ARML", false)).put(PATH + "/" + id)
                .then().statusCode(200).body("active", equalTo(false));
        given().auth().oauth2(token).get("/api/v1/departements/33").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:forbidden"));
        given().auth().oauth2(token).get(PATH + "/" + id).then().statusCode(403);
    }

    // --- list

    /** Four Missions Locales told apart by one unique word, differing in each filtered attribute. */
    private record Fixture(String word, String a, String b, String c, String d, String associationOne,
            String associationTwo) {
    }

    private static Fixture fixture() {
        String word = "flt" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String one = "ARML " + word + " one";
        String two = "ARML " + word + " two";
        String a = createdId(request("ML " + word + " A", Sirets.random(), "33", one, true));
        String b = createdId(request("ML " + word + " B", Sirets.random(), "29", two, true));
        String c = createdId(request("ML " + word + " C", Sirets.random(), "33", two, false));
        String d = createdId(request("ML " + word + " D", Sirets.random(), "64", one, true));
        return new Fixture(word, a, b, c, d, one, two);
    }

    private static List<String> ids(Map<String, Object> query) {
        return given().auth().oauth2(Tokens.departement("33")).queryParams(query).queryParam("limit", 500).get(PATH)
                .then().statusCode(200)
                .body("nextCursor", nullValue())
                .extract().jsonPath().getList("items.id");
    }

    @Test
    void filtersByDepartementRegionAssociationActivityAndName() {
        Fixture f = fixture();
        String q = f.word().toUpperCase();
        assertEquals(List.of(f.a(), f.b(), f.c(), f.d()), ids(Map.of("q", q)));
        assertEquals(List.of(f.a(), f.c()), ids(Map.of("q", q, "departement", "33")));
        assertEquals(List.of(f.a(), f.c(), f.d()), ids(Map.of("q", q, "region", "75")));
        assertEquals(List.of(f.b()), ids(Map.of("q", q, "region", "53")));
        assertEquals(List.of(f.a(), f.d()), ids(Map.of("regionalAssociation", f.associationOne())));
        assertEquals(List.of(f.b(), f.c()), ids(Map.of("regionalAssociation", f.associationTwo())));
        assertEquals(List.of(f.c()), ids(Map.of("q", q, "active", "false")));
        assertEquals(List.of(f.a(), f.b(), f.d()), ids(Map.of("q", q, "active", "true")));
        assertEquals(List.of(f.c()), ids(Map.of("regionalAssociation", f.associationTwo(), "departement", "33",
                "active", "false")));
    }

    @Test
    void eachFilterAloneOnlyReturnsMatchingItems() {
        Fixture f = fixture();
        given().auth().oauth2(Tokens.admin()).queryParam("departement", "29").queryParam("limit", 500).get(PATH)
                .then().statusCode(200).body("items.departementCode", everyItem(equalTo("29")));
        given().auth().oauth2(Tokens.admin()).queryParam("active", false).queryParam("limit", 500).get(PATH)
                .then().statusCode(200).body("items.active", everyItem(equalTo(false)));
        given().auth().oauth2(Tokens.admin()).queryParam("region", "53").queryParam("limit", 500).get(PATH)
                .then().statusCode(200)
                .body("items.departementCode", everyItem(oneOf("22", "29", "35", "56")));
        given().auth().oauth2(Tokens.admin()).queryParam("q", f.word()).get(PATH)
                .then().statusCode(200).body("items.name", everyItem(containsString(f.word())));
    }

    @Test
    void likeWildcardsAndEscapesInTheNameFilterAreTakenLiterally() {
        Fixture f = fixture();
        assertEquals(List.of(), ids(Map.of("q", f.word() + "%")));
        assertEquals(List.of(), ids(Map.of("q", f.word() + "_A")));
        String special = createdId(request("ML " + f.word() + " 100% back\\slash_under", Sirets.random(), "33", "ARML", null));
        assertEquals(List.of(special), ids(Map.of("q", f.word() + " 100% back\\slash_under")));
        assertEquals(List.of(special), ids(Map.of("q", f.word() + " 100% back\\")));
    }

    @Test
    void cursorPaginationWalksEveryItemOnceInNameThenIdOrder() {
        String word = "pg" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, String> created = new HashMap<>();
        for (String suffix : List.of("3", "1", "2", "2", "2", "1", "4")) {
            String name = "ML " + word + " " + suffix;
            created.put(createdId(request(name, Sirets.random(), "33", "ARML", null)), name);
        }
        List<String> seen = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(Tokens.reporting()).queryParam("q", word).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(PATH).then().statusCode(200).extract().jsonPath();
            List<String> items = page.getList("items.id");
            assertEquals(pages < 3 ? 2 : 1, items.size(), "page " + pages);
            seen.addAll(items);
            names.addAll(page.getList("items.name"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(4, pages);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no item twice: " + seen);
        assertEquals(created.keySet(), new HashSet<>(seen), "every item once");
        List<String> expected = created.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, String> e) -> e.getValue()).thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
        assertEquals(expected, seen, "ordered by name, then id");
        assertEquals(names.stream().sorted().toList(), names);
    }

    @Test
    void theDefaultPageSizeIsFifty() {
        for (int i = 0; i < 51; i++) {
            Directory.newMissionLocale("33");
        }
        given().auth().oauth2(Tokens.admin()).get(PATH).then().statusCode(200)
                .body("items.size()", equalTo(50))
                .body("nextCursor", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "501", "-1", "abc", "1.5", "99999999999"})
    void anOutOfRangeOrNonNumericLimitIs400NamingIt(String limit) {
        given().auth().oauth2(Tokens.admin()).queryParam("limit", limit).get(PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:malformed-request"))
                .body("errors[0].parameter", equalTo("limit"));
    }

    @Test
    void limitsAtTheBoundsAreAccepted() {
        Directory.newMissionLocale("33");
        Directory.newMissionLocale("33");
        given().auth().oauth2(Tokens.admin()).queryParam("limit", 1).get(PATH)
                .then().statusCode(200).body("items.size()", equalTo(1));
        given().auth().oauth2(Tokens.admin()).queryParam("limit", 500).get(PATH).then().statusCode(200);
    }

    @Test
    void aNonBooleanActiveFilterIs400NamingIt() {
        given().auth().oauth2(Tokens.admin()).queryParam("active", "yes").get(PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("active"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "Zm9v", "Zm9v.YmFy", "Zm9v.YmFy.YmF6", "bm90LWEtdXVpZB9ub3QtYS11dWlk"})
    void aCursorThisServiceDidNotIssueIs400(String cursor) {
        given().auth().oauth2(Tokens.admin()).queryParam("cursor", cursor).get(PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("cursor"));
    }

    // --- HTTP mechanics

    @Test
    void deleteIsNotAllowedAndTheAnswerSaysWhatIs() {
        String id = createdId(request(Sirets.random()));
        given().auth().oauth2(Tokens.admin()).delete(PATH + "/" + id)
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:method-not-allowed"))
                .header("Allow", containsString("PUT"))
                .header("Allow", not(containsString("DELETE")));
        given().auth().oauth2(Tokens.admin()).get(PATH + "/" + id).then().statusCode(200);
    }

    @Test
    void deleteOnTheCollectionIsNotAllowedEither() {
        given().auth().oauth2(Tokens.admin()).delete(PATH)
                .then().statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", equalTo("GET, HEAD, OPTIONS, POST"));
    }

    @Test
    void csvIsNotAnAcceptableRepresentation() {
        given().auth().oauth2(Tokens.admin()).accept("text/csv").get(PATH)
                .then().statusCode(406)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:not-acceptable"));
    }

    @Test
    void aPlainTextBodyIsAnUnsupportedMediaType() {
        given().auth().oauth2(Tokens.admin()).contentType("text/plain").body("name=x").post(PATH)
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:unsupported-media-type"));
    }

    @Test
    void aBodyOverTheConfiguredLimitIs413() {
        StringBuilder json = new StringBuilder("{\"name\":\"");
        json.append("x".repeat(5 * 1024 * 1024)).append("\"}");
        postJson(json.toString()).then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:payload-too-large"));
    }

    // --- security

    @Test
    void onlyAdminsMayWrite() {
        String id = createdId(request(Sirets.random()));
        UUID missionLocale = UUID.fromString(id);
        for (String token : List.of(Tokens.departement("33"), Tokens.missionLocale(missionLocale), Tokens.reporting(),
                Tokens.dpo())) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(request(Sirets.random())).post(PATH)
                    .then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "*")
                    .body(request(Sirets.random())).put(PATH + "/" + id)
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void everyRoleMayRead() {
        String id = createdId(request(Sirets.random()));
        for (String token : List.of(Tokens.departement("33"), Tokens.missionLocale(UUID.fromString(id)), Tokens.reporting(),
                Tokens.admin(), Tokens.dpo())) {
            given().auth().oauth2(token).get(PATH + "/" + id).then().statusCode(200);
            given().auth().oauth2(token).queryParam("limit", 1).get(PATH).then().statusCode(200);
        }
    }

    @Test
    void anonymousCallersAreRefused() {
        given().get(PATH).then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().contentType(ContentType.JSON).body(request(Sirets.random())).post(PATH)
                .then().statusCode(401).contentType("application/problem+json");
    }
}
