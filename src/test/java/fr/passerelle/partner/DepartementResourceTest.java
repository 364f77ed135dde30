package fr.passerelle.partner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import fr.passerelle.support.Directory;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DepartementResourceTest {

    @Test
    void listsTheHundredAndThreeMembersOfDepartementsDeFrance() {
        given().auth().oauth2(Tokens.departement("33"))
                .get("/api/v1/departements")
                .then().statusCode(200)
                .body("$", hasSize(103))
                .body("findAll { it.kind == 'DEPARTEMENT' }", hasSize(95))
                .body("findAll { it.kind == 'COLLECTIVITE' }", hasSize(8))
                .body("code", hasItems("01", "33", "69D", "69M", "6AE", "20R", "75C", "971", "972", "973", "974", "976"));
    }

    @Test
    void collectivitiesWithDepartementalCompetenceHaveTheirInseeCodes() {
        given().auth().oauth2(Tokens.reporting())
                .get("/api/v1/departements/69M")
                .then().statusCode(200)
                .body("name", equalTo("Métropole de Lyon"))
                .body("kind", equalTo("COLLECTIVITE"))
                .body("region.code", equalTo("84"))
                .body("region.name", equalTo("Auvergne-Rhône-Alpes"));
        given().auth().oauth2(Tokens.reporting())
                .get("/api/v1/departements/6AE")
                .then().statusCode(200)
                .body("name", equalTo("Collectivité européenne d'Alsace"))
                .body("region.code", equalTo("44"));
    }

    @Test
    void filtersByRegion() {
        given().auth().oauth2(Tokens.admin())
                .queryParam("region", "53")
                .get("/api/v1/departements")
                .then().statusCode(200)
                .body("code", equalTo(List.of("22", "29", "35", "56")))
                .body("region.code", everyItem(equalTo("53")));
    }

    @Test
    void isReadableByEveryRole() {
        UUID missionLocale = Directory.newMissionLocale("33");
        for (String token : new String[] {Tokens.departement("59"), Tokens.missionLocale(missionLocale),
            Tokens.reporting(), Tokens.admin(), Tokens.dpo()}) {
            given().auth().oauth2(token).get("/api/v1/departements/59").then().statusCode(200);
        }
    }

    @Test
    void anUnknownCodeIsNotFound() {
        given().auth().oauth2(Tokens.admin())
                .get("/api/v1/departements/20")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:not-found"));
    }

    @Test
    void refusesAnonymousCallers() {
        given().get("/api/v1/departements").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }
}
