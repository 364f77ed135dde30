package fr.passerelle.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** Builds directory data through the API, as the platform operator would. */
public final class Directory {

    private Directory() {
    }

    /** A new active Mission Locale of the given collectivity, with a unique name and SIRET. */
    public static UUID newMissionLocale(String departementCode) {
        return newMissionLocale(departementCode, "ML test " + UUID.randomUUID());
    }

    public static UUID newMissionLocale(String departementCode, String name) {
        String id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "siret", Sirets.random(), "departementCode", departementCode,
                        "regionalAssociation", "ARML test"))
                .post("/api/v1/missions-locales")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }
}
