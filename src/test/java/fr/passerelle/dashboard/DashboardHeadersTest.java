package fr.passerelle.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.support.RawHttp;
import fr.passerelle.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's security headers apply to its own paths only, and never get in the way of the API's answers. */
@QuarkusTest
class DashboardHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = {"/tableau-de-bord", "/tableau-de-bord/tableau-de-bord.js", "/tableau-de-bord/tableau-de-bord.css"})
    void thePageItsScriptAndItsStyleSheetNeedNoTokenAndCarryTheHeaders(String path) {
        given().get(path).then().statusCode(200)
                .header("Content-Security-Policy", DashboardHeaders.CONTENT_SECURITY_POLICY)
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff");
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void theApiKeepsItsOwnHeadersAndItsProblemDetailsEvenForAnUndecodablePath() throws IOException {
        given().auth().oauth2(Tokens.departement("33")).queryParam("year", 2025).get("/api/v1/indicators").then().statusCode(200)
                .header("Content-Security-Policy", nullValue());
        RawHttp raw = new RawHttp(URI.create(base.toString()));
        RawHttp.Response undecodable = raw.send("GET", "/api/v1/pathways/%zz", Map.of("Authorization", "Bearer " + Tokens.departement("33")),
                null);
        assertTrue(undecodable.status() >= 400 && undecodable.status() < 500, undecodable.text());
        assertTrue(undecodable.contentType().startsWith("application/problem+json"), undecodable.contentType() + " " + undecodable.text());
    }
}
