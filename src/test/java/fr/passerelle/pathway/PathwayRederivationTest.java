package fr.passerelle.pathway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.support.Directory;
import fr.passerelle.support.Feeds;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A pathway transferred under the former rule keeps its shares until the migration's re-derivation ends them. */
@QuarkusTest
class PathwayRederivationTest {

    @Inject
    PathwayRederivation rederivation;

    @Inject
    DataSource dataSource;

    @Test
    void aPathwayTransferredBeforeTheRuleIsDerivedAgainAndItsMissionLocaleToldItsShareEnded() throws SQLException {
        UUID pathway = Pathways.register("13");
        UUID missionLocale = Directory.newMissionLocale("13");
        String token = Tokens.missionLocale(missionLocale);
        Pathways.solicit("13", pathway, missionLocale);
        String departement = Tokens.departement("13");
        given().auth().oauth2(departement).header("If-Match", Pathways.etag(departement, pathway)).contentType(ContentType.JSON)
                .body(Map.of("occurredOn", Pathways.today().toString(), "data", Map.of("toDepartementCode", "84")))
                .post("/api/v1/pathways/" + pathway + "/transfers").then().statusCode(201);
        // As derived before the rule: the share still active after the transfer.
        execute("""
                update pathway set state = jsonb_set(state, '{missionLocales,0,share}', '"ACTIVE"') #- '{missionLocales,0,shareEndedOn}'
                where id = ?""", pathway);
        execute("update pathway_share set status = 'ACTIVE', ended_on = null where pathway_id = ?", pathway);
        assertTrue(activeShares(token).contains(pathway.toString()), "listed with the young person's name");
        String feedStart = Feeds.end(token);

        execute("insert into pathway_maintenance (name) values ('rederive-transferred') on conflict do nothing", null);
        rederivation.rederiveIfRequired(null);

        given().auth().oauth2(token).get("/api/v1/shared-pathways/" + pathway).then().statusCode(200)
                .body("share.status", equalTo("ENDED")).body("share.endedOn", equalTo(Pathways.today().toString()));
        assertFalse(activeShares(token).contains(pathway.toString()));
        Feeds.followUntil(token, feedStart, pathway, "SHARE_ENDED");
        given().auth().oauth2(Tokens.departement("84")).get("/api/v1/pathways/" + pathway).then().statusCode(200)
                .body("state.missionLocales[0].share", equalTo("ENDED"));
    }

    private static List<String> activeShares(String token) {
        return given().auth().oauth2(token).queryParam("limit", 500).get("/api/v1/shared-pathways").then().statusCode(200)
                .extract().path("items.id");
    }

    private void execute(String sql, UUID pathway) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            if (pathway != null) {
                statement.setObject(1, pathway);
            }
            statement.executeUpdate();
        }
    }
}
