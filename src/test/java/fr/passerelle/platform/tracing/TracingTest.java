package fr.passerelle.platform.tracing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.platform.web.CorrelationId;
import fr.passerelle.support.Tokens;
import io.opentelemetry.api.common.AttributeKey;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With tracing on, each request's span carries the request's correlation id, so that a trace is found from a log line or a problem detail. */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
class TracingTest {

    /** Tracing as production turns it on, exporting to the recorder instead of an OTLP collector. */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    // Nothing listens there: the OTLP exporter, also on, fails quietly.
                    "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:18399");
        }
    }

    @Test
    void theSpanOfARequestCarriesItsCorrelationId() throws InterruptedException {
        String correlationId = "trace-" + UUID.randomUUID();
        given().auth().oauth2(Tokens.admin()).header(CorrelationId.HEADER, correlationId).get("/api/v1/event-types")
                .then().statusCode(200).header(CorrelationId.HEADER, correlationId);
        AttributeKey<String> key = AttributeKey.stringKey(CorrelationId.SPAN_ATTRIBUTE);
        long deadline = System.nanoTime() + 30_000_000_000L;
        boolean found = false;
        while (!found && System.nanoTime() < deadline) {
            found = RecordedSpans.SPANS.stream().anyMatch(span -> correlationId.equals(span.getAttributes().get(key)));
            if (!found) {
                Thread.sleep(200);
            }
        }
        assertTrue(found, "no span with " + CorrelationId.SPAN_ATTRIBUTE + "=" + correlationId + " among " + RecordedSpans.SPANS.size());
    }
}
