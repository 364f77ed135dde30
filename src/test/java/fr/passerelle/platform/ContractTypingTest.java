package fr.passerelle.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every parameter and every body of the committed contract has a type: a schema without one becomes {@code Object} in the
 * Java clients and {@code any} in TypeScript (a {@code limit} typed {@code Object}, a response read as a bare map).
 */
class ContractTypingTest {

    private static final JsonNode CONTRACT = read();

    @Test
    void everyParameterHasATypedSchema() {
        List<String> untyped = new ArrayList<>();
        operations((name, operation) -> operation.path("parameters").forEach(parameter -> {
            if (!typed(parameter.path("schema"))) {
                untyped.add(name + " " + parameter.path("in").asText() + " " + parameter.path("name").asText());
            }
        }));
        assertEquals(List.of(), untyped, "parameters without a type");
    }

    @Test
    void everyRequestAndResponseBodyHasATypedSchema() {
        List<String> untyped = new ArrayList<>();
        operations((name, operation) -> {
            content(operation.path("requestBody").path("content"), name + " request", untyped);
            operation.path("responses").properties().forEach(response ->
                    content(response.getValue().path("content"), name + " " + response.getKey(), untyped));
        });
        assertEquals(List.of(), untyped, "bodies without a type");
    }

    private static void content(JsonNode content, String where, List<String> untyped) {
        content.properties().forEach(media -> {
            if (!typed(media.getValue().path("schema"))) {
                untyped.add(where + " " + media.getKey());
            }
        });
    }

    /** A type, a reference, or a choice among typed schemas. */
    private static boolean typed(JsonNode schema) {
        return schema.has("type") || schema.has("$ref") || schema.has("oneOf") || schema.has("allOf");
    }

    private interface OperationVisitor {
        void visit(String name, JsonNode operation);
    }

    private static void operations(OperationVisitor visitor) {
        for (Map.Entry<String, JsonNode> path : CONTRACT.path("paths").properties()) {
            path.getValue().properties().forEach(method -> {
                if (method.getValue().has("operationId")) {
                    visitor.visit(method.getValue().path("operationId").asText(), method.getValue());
                }
            });
        }
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
