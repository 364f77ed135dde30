package fr.passerelle.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed contract is exactly what the service serves, so that clients and tests read the truth. */
@QuarkusTest
class ContractDriftTest {

    private static final Path COMMITTED = Path.of("openapi/openapi.yaml");
    private static final Path SERVED = Path.of("target/openapi-served.yaml");

    @Test
    void theCommittedContractIsTheServedOne() throws IOException {
        byte[] served = given().queryParam("format", "yaml").get("/q/openapi")
                .then().statusCode(200).extract().asByteArray();
        Files.createDirectories(SERVED.getParent());
        Files.write(SERVED, served);
        assertEquals(new String(Files.readAllBytes(COMMITTED), StandardCharsets.UTF_8),
                new String(served, StandardCharsets.UTF_8),
                COMMITTED + " differs from the contract the service serves (written to " + SERVED + "). Regenerate it with: "
                        + "./mvnw -B package -DskipTests && cp target/openapi/openapi.yaml openapi/openapi.yaml");
    }
}
