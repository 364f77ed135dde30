package fr.passerelle.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads the audit trail as the data protection officer does. */
public final class AuditTrail {

    private AuditTrail() {
    }

    /** Every record naming the pathway, oldest first, following the cursor to the last page. */
    public static List<Map<String, Object>> about(UUID pathway) {
        List<Map<String, Object>> records = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(Tokens.dpo()).queryParam("pathwayId", pathway.toString()).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/audit-records").then().statusCode(200).extract().jsonPath();
            records.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return records;
    }
}
