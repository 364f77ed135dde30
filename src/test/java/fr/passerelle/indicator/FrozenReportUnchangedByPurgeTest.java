package fr.passerelle.indicator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FrozenReportUnchangedByPurgeTest {

    private static final String DEPARTEMENT = "48";

    @Inject
    DataSource dataSource;

    @Test
    void aFrozenReportKeepsItsFiguresWhenThePersonalDataItCountsIsPurged() throws SQLException {
        LocalDate today = Pathways.today();
        LocalDate solicited = today.minusMonths(30);
        int year = solicited.getYear();
        UUID pathway = Pathways.register(DEPARTEMENT, today.minusYears(20).minusMonths(3));
        UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT);
        Pathways.step(Tokens.departement(DEPARTEMENT), pathway, "solicitations", solicited,
                Map.of("missionLocaleId", missionLocale.toString())).statusCode(201);
        Pathways.step(Tokens.departement(DEPARTEMENT), pathway, "ase-exits", solicited, Map.of("exitReason", "MAJORITY"))
                .statusCode(201);
        String reports = "/api/v1/indicator-reports/" + DEPARTEMENT + "/" + year;
        int version = given().auth().oauth2(Tokens.departement(DEPARTEMENT)).contentType(ContentType.JSON)
                .body(Map.of("reason", "Before the purge of " + pathway))
                .post(reports).then().statusCode(201).extract().path("version");
        String frozenJson = given().auth().oauth2(Tokens.departement(DEPARTEMENT)).accept(ContentType.JSON)
                .get(reports + "/versions/" + version).then().statusCode(200).extract().asString();
        String frozenCsv = given().auth().oauth2(Tokens.departement(DEPARTEMENT)).accept("text/csv")
                .get(reports + "/versions/" + version).then().statusCode(200).extract().asString();

        supportEndedMonthsAgo(pathway, 25);
        given().auth().oauth2(Tokens.admin()).queryParam("dryRun", "false").post("/api/v1/retention-runs").then().statusCode(200)
                .body("pathwayIds", hasItem(pathway.toString()));
        given().auth().oauth2(Tokens.departement(DEPARTEMENT)).get("/api/v1/pathways/" + pathway).then().statusCode(200)
                .body("youngPerson", equalTo(null));

        assertEquals(frozenJson, given().auth().oauth2(Tokens.departement(DEPARTEMENT)).accept(ContentType.JSON)
                .get(reports + "/versions/" + version).then().statusCode(200).extract().asString());
        assertEquals(frozenCsv, given().auth().oauth2(Tokens.departement(DEPARTEMENT)).accept("text/csv")
                .get(reports + "/versions/" + version).then().statusCode(200).extract().asString());
    }

    /** Every pathway holds an event of its registration day: its last activity is moved back as if it were old. */
    private void supportEndedMonthsAgo(UUID pathway, int months) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("update pathway set last_event_on = ? where id = ?")) {
            statement.setObject(1, Pathways.today().minusMonths(months));
            statement.setObject(2, pathway);
            assertEquals(1, statement.executeUpdate());
        }
    }
}
