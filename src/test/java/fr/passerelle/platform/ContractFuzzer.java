package fr.passerelle.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Derives requests from the contract, for every operation alike: a request the operation could
 * accept, built from its parameters' and body's schemas, then broken in one or two ways chosen at
 * random (wrong types, missing or unknown properties, huge, NUL, emoji and invalid UTF-8 strings,
 * repeated properties, deep nesting, non-object batch elements, wrong media types, bad path ids,
 * bad query values and headers, no token or the wrong one). Knows no operation by name: whatever
 * the contract becomes, every operation in it is fuzzed. Deterministic for a given seed.
 */
final class ContractFuzzer {

    /** What can be broken in a request. */
    enum Mutation {
        WRONG_TYPE, MISSING_PROPERTY, UNKNOWN_PROPERTY, HUGE_STRING, NUL_IN_STRING, NUL_IN_PROPERTY_NAME, EMOJI_AND_LONE_SURROGATE,
        INVALID_UTF8, DUPLICATE_PROPERTY, DEEP_NESTING, NON_OBJECT_ELEMENTS, GARBAGE_BODY, WRONG_CONTENT_TYPE, BAD_PATH_ID,
        BAD_QUERY_VALUE, UNKNOWN_QUERY_PARAMETER, BAD_HEADER, BAD_ACCEPT, NO_TOKEN, WRONG_ROLE, INVALID_TOKEN
    }

    private static final Set<Mutation> BODY_MUTATIONS = Set.of(Mutation.WRONG_TYPE, Mutation.MISSING_PROPERTY,
            Mutation.UNKNOWN_PROPERTY, Mutation.HUGE_STRING, Mutation.NUL_IN_STRING, Mutation.NUL_IN_PROPERTY_NAME,
            Mutation.EMOJI_AND_LONE_SURROGATE, Mutation.INVALID_UTF8, Mutation.DUPLICATE_PROPERTY, Mutation.DEEP_NESTING,
            Mutation.NON_OBJECT_ELEMENTS, Mutation.GARBAGE_BODY, Mutation.WRONG_CONTENT_TYPE);
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");
    /** Marks the string a text-level mutation replaces once the body is written. */
    private static final String PLACEHOLDER = "fuzz-placeholder-4f1c";
    private static final String DEEP_PLACEHOLDER = "fuzz-deep-placeholder-9b2e";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One operation of the contract. */
    record Operation(String id, String method, String template, List<JsonNode> parameters, Map<String, JsonNode> bodies,
            List<String> produces) {

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + template + " (" + id + ")";
        }
    }

    /** A request ready to send, and how it was made. */
    record FuzzRequest(Operation operation, List<Mutation> mutations, String method, String target, Map<String, String> headers,
            byte[] body) {

        String summary() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8)
                    .replace("\u0000", "\\u0000");
            String shownTarget = target.length() > 200 ? target.substring(0, 200) + "..." : target;
            return operation.id() + " " + mutations + " " + method + " " + shownTarget + " " + headers.getOrDefault("Content-Type", "")
                    + (body == null ? "" : " body[" + body.length + "]: " + shown);
        }
    }

    /** What the fuzzer knows of the data it runs against: ids that exist, and a token per role. */
    interface World {
        /** An existing id for a path parameter, by the collection it follows (e.g. "pathways"), or null. */
        String idAfter(String collection, String role);

        String token(String role);

        /** A string value for a body property or parameter the world knows (e.g. a département code), or null. */
        String valueFor(String name);
    }

    private final JsonNode contract;
    private final World world;
    private final Function<String, Set<String>> rolesOf;
    private final List<String> allRoles;

    ContractFuzzer(JsonNode contract, World world, Function<String, Set<String>> rolesOf, List<String> allRoles) {
        this.contract = contract;
        this.world = world;
        this.rolesOf = rolesOf;
        this.allRoles = allRoles;
    }

    static JsonNode readContract(Path path) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!HTTP_METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode operation = method.getValue();
                List<JsonNode> parameters = new ArrayList<>();
                operation.path("parameters").forEach(parameter -> parameters.add(resolve(parameter)));
                Map<String, JsonNode> bodies = new LinkedHashMap<>();
                resolve(operation.path("requestBody")).path("content").fields()
                        .forEachRemaining(content -> bodies.put(content.getKey(), content.getValue().path("schema")));
                List<String> produces = new ArrayList<>();
                operation.path("responses").fields().forEachRemaining(response -> {
                    if (response.getKey().startsWith("2")) {
                        resolve(response.getValue()).path("content").fieldNames().forEachRemaining(produces::add);
                    }
                });
                operations.add(new Operation(operation.path("operationId").asText(), method.getKey().toUpperCase(Locale.ROOT),
                        path.getKey(), parameters, bodies, produces));
            }
        }
        return operations;
    }

    /** A request to the operation with one or two mutations (none when {@code mutate} is false). */
    FuzzRequest request(Operation operation, Random random, boolean mutate) {
        List<Mutation> applicable = new ArrayList<>();
        for (Mutation mutation : Mutation.values()) {
            if (applies(mutation, operation)) {
                applicable.add(mutation);
            }
        }
        List<Mutation> mutations = new ArrayList<>();
        if (mutate) {
            int count = random.nextInt(4) == 0 ? 2 : 1;
            while (mutations.size() < count) {
                Mutation mutation = applicable.get(random.nextInt(applicable.size()));
                if (!mutations.contains(mutation)) {
                    mutations.add(mutation);
                }
            }
        }
        Set<String> allowed = rolesOf.apply(operation.id());
        List<String> allowedRoles = allRoles.stream().filter(allowed::contains).toList();
        String role = allowedRoles.isEmpty() ? allRoles.get(random.nextInt(allRoles.size()))
                : allowedRoles.get(random.nextInt(allowedRoles.size()));
        Map<String, String> headers = new LinkedHashMap<>();
        if (mutations.contains(Mutation.WRONG_ROLE)) {
            List<String> others = allRoles.stream().filter(other -> !allowed.contains(other)).toList();
            headers.put("Authorization", "Bearer " + world.token(others.isEmpty() ? role : others.get(random.nextInt(others.size()))));
        } else if (mutations.contains(Mutation.INVALID_TOKEN)) {
            headers.put("Authorization", pick(random, "Bearer not-a-token", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a.b.c",
                    "Bearer " + world.token(role) + "x"));
        } else if (!mutations.contains(Mutation.NO_TOKEN)) {
            headers.put("Authorization", "Bearer " + world.token(role));
        }

        String target = target(operation, role, random, mutations);
        for (JsonNode parameter : operation.parameters()) {
            if (parameter.path("in").asText().equals("header")) {
                String name = parameter.path("name").asText();
                if (parameter.path("required").asBoolean() || random.nextBoolean()) {
                    headers.put(name, headerValue(name, random));
                }
            }
        }
        if (mutations.contains(Mutation.BAD_HEADER)) {
            String name = pick(random, "If-Match", "If-None-Match", "Idempotency-Key", "X-Correlation-Id");
            headers.put(name, badHeaderValue(name, random));
        }
        if (mutations.contains(Mutation.BAD_ACCEPT)) {
            headers.put("Accept", pick(random, "application/xml", "text/html", "image/png", "text/csv", "*/*;q=0", "nonsense",
                    "application/json;q=0.1, text/csv"));
        } else if (!operation.produces().isEmpty() && random.nextInt(4) == 0) {
            headers.put("Accept", operation.produces().get(random.nextInt(operation.produces().size())));
        }

        byte[] body = null;
        if (!operation.bodies().isEmpty()) {
            List<String> mediaTypes = new ArrayList<>(operation.bodies().keySet());
            String mediaType = mediaTypes.get(random.nextInt(mediaTypes.size()));
            body = body(operation.bodies().get(mediaType), mediaType, random, mutations);
            if (mutations.contains(Mutation.WRONG_CONTENT_TYPE)) {
                String wrong = pick(random, null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
                        "nonsense", "application/json", "application/cloudevents+json", "text/csv");
                if (wrong != null) {
                    headers.put("Content-Type", wrong);
                }
            } else {
                headers.put("Content-Type", mediaType);
            }
        }
        return new FuzzRequest(operation, mutations, operation.method(), target, headers, body);
    }

    private static boolean applies(Mutation mutation, Operation operation) {
        boolean hasBody = !operation.bodies().isEmpty();
        if (BODY_MUTATIONS.contains(mutation)) {
            return hasBody;
        }
        return switch (mutation) {
            case BAD_PATH_ID -> operation.template().contains("{");
            default -> true;
        };
    }

    // ----- request target

    private String target(Operation operation, String role, Random random, List<Mutation> mutations) {
        String path = operation.template();
        List<String> pathParameters = new ArrayList<>();
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.path("name").asText();
            switch (parameter.path("in").asText()) {
                case "path" -> pathParameters.add(name);
                case "query" -> {
                    if (parameter.path("required").asBoolean() || random.nextInt(3) == 0) {
                        appendQuery(query, name, queryValue(name, resolve(parameter.path("schema")), random));
                    }
                }
                default -> {
                }
            }
        }
        String broken = mutations.contains(Mutation.BAD_PATH_ID) && !pathParameters.isEmpty()
                ? pathParameters.get(random.nextInt(pathParameters.size())) : null;
        for (String name : pathParameters) {
            String value = name.equals(broken) ? badPathValue(random) : encode(pathValue(operation, path, name, role, random));
            path = path.replace("{" + name + "}", value);
        }
        if (mutations.contains(Mutation.BAD_QUERY_VALUE)) {
            List<String> names = operation.parameters().stream().filter(parameter -> parameter.path("in").asText().equals("query"))
                    .map(parameter -> parameter.path("name").asText()).toList();
            String name = names.isEmpty() ? "q" : names.get(random.nextInt(names.size()));
            appendRaw(query, encode(name), badQueryValue(random));
        }
        if (mutations.contains(Mutation.UNKNOWN_QUERY_PARAMETER)) {
            appendRaw(query, pick(random, "unknown", "%F0%9F%98%80", "a%00", "limit", "__proto__"), pick(random, "1", "", "%00", "x%zz"));
        }
        return query.isEmpty() ? path : path + "?" + query;
    }

    /** A real id where the world has one for the collection the parameter follows, else one of the right shape. */
    private String pathValue(Operation operation, String path, String name, String role, Random random) {
        String before = path.substring(0, path.indexOf("{" + name + "}"));
        String[] segments = before.split("/");
        String collection = segments.length == 0 ? "" : segments[segments.length - 1];
        String known = world.idAfter(collection, role);
        if (known != null && random.nextInt(10) > 0) {
            return known;
        }
        JsonNode parameter = operation.parameters().stream().filter(p -> p.path("name").asText().equals(name)).findFirst()
                .orElse(NODES.objectNode());
        String fromWorld = world.valueFor(name);
        if (fromWorld != null) {
            return fromWorld;
        }
        if (parameter.has("example")) {
            return parameter.path("example").asText();
        }
        return scalar(resolve(parameter.path("schema")), name, random).asText();
    }

    private String queryValue(String name, JsonNode schema, Random random) {
        String fromWorld = world.valueFor(name);
        if (fromWorld != null && random.nextBoolean()) {
            return fromWorld;
        }
        JsonNode value = value(schema, name, random, 0);
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String badPathValue(Random random) {
        return pick(random, "not-a-uuid", "%00", "a%00b", "..", "%2e%2e", "x".repeat(300), "%F0%9F%98%80", "-1", "0",
                "00000000-0000-0000-0000-000000000000", UUID.randomUUID().toString(), "%zz", "%C3%28", "%20", "null", "9".repeat(40));
    }

    private static String badQueryValue(Random random) {
        return pick(random, "abc", "-1", "0", "1e99", "99999999999999999999999", "%00", "a%00b", "%zz", "%C3%28", "",
                "x".repeat(3000), "y".repeat(6000), "%F0%9F%98%80", "%ED%A0%BD", "true%00", "2025-02-30", "9999-12-31T25:61:00Z",
                "%27%20or%201%3D1--", "*", "null");
    }

    private static void appendQuery(StringBuilder query, String name, String value) {
        appendRaw(query, encode(name), encode(value));
    }

    private static void appendRaw(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ----- headers

    private static String headerValue(String name, Random random) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "if-match" -> pick(random, "\"1\"", "\"2\"", "\"0\"", "*");
            case "if-none-match" -> pick(random, "\"x\"", "W/\"x\"");
            case "idempotency-key" -> "fuzz-" + UUID.randomUUID();
            default -> "x";
        };
    }

    private static String badHeaderValue(String name, Random random) {
        return switch (name) {
            case "If-Match", "If-None-Match" -> pick(random, "6", "W/6", "\"6", "6\"", "\"\"", "W/\"1\"", "\"1\", 2", ",", "\"a\"b\"",
                    "*, \"1\"", "x".repeat(2000));
            case "Idempotency-Key" -> pick(random, "", " ", "k".repeat(500), "key with spaces", "é", "\"quoted\"");
            default -> pick(random, "short", "évident", "x".repeat(100), "../../etc");
        };
    }

    // ----- bodies

    private byte[] body(JsonNode schema, String mediaType, Random random, List<Mutation> mutations) {
        if (!mediaType.contains("json")) {
            return textBody(random, mutations);
        }
        if (mutations.contains(Mutation.GARBAGE_BODY)) {
            return pick(random, "", "null", "[]", "{}", "\"text\"", "42", "{", "[{]", "{\"a\":}", "\u00ff\u00fe", "{\"a\":1}}",
                    "<xml/>").getBytes(StandardCharsets.UTF_8);
        }
        JsonNode body = value(resolve(schema), "", random, 0);
        String textLevel = null;
        String deep = null;
        for (Mutation mutation : mutations) {
            switch (mutation) {
                case WRONG_TYPE -> body = replaceRandomNode(body, random, node -> wrongType(node, random));
                case MISSING_PROPERTY -> removeRandomProperty(body, random);
                case UNKNOWN_PROPERTY -> randomObject(body, random).put(pick(random, "unknown", "id", "version", "__proto__", "$ref"), "x");
                case HUGE_STRING -> body = replaceRandomNode(body, random, node -> TextNode.valueOf("h".repeat(pick(random, 5000, 100_000, 1_000_000))));
                case NUL_IN_STRING -> body = replaceRandomNode(body, random, node -> TextNode.valueOf(node.asText("x") + "\u0000"));
                case NUL_IN_PROPERTY_NAME -> randomObject(body, random).put("na\u0000me", "x");
                case EMOJI_AND_LONE_SURROGATE, INVALID_UTF8 -> {
                    body = replaceRandomNode(body, random, node -> TextNode.valueOf(PLACEHOLDER));
                    textLevel = mutation.name();
                }
                case DEEP_NESTING -> {
                    body = replaceRandomNode(body, random, node -> TextNode.valueOf(DEEP_PLACEHOLDER));
                    deep = nested(pick(random, 50, 999, 1500, 5000));
                }
                case NON_OBJECT_ELEMENTS -> body = nonObjectElements(body, random);
                default -> {
                }
            }
        }
        String text = mutations.contains(Mutation.DUPLICATE_PROPERTY) ? withDuplicate(body, random) : written(body, null);
        if (deep != null) {
            text = text.replace("\"" + DEEP_PLACEHOLDER + "\"", deep);
        }
        if (textLevel == null || !text.contains(PLACEHOLDER)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int at = text.indexOf(PLACEHOLDER);
        bytes.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(textLevel.equals(Mutation.INVALID_UTF8.name())
                ? pick(random, new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF})
                : pick(random, "\\ud83d", "\\ude00x", "\ud83d\ude00 Zo\u00e9 \u202e", "\\ud83d\\ude00", "\u0301\u0301\u0301")
                        .getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(text.substring(at + PLACEHOLDER.length()).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private static byte[] textBody(Random random, List<Mutation> mutations) {
        String csv = "name,siret,departementCode,regionalAssociation\nML fuzz " + random.nextInt(1000) + ",12345678901234,15,ARML\n";
        if (mutations.contains(Mutation.NUL_IN_STRING)) {
            csv = csv.replace("fuzz", "fu\u0000zz");
        }
        if (mutations.contains(Mutation.HUGE_STRING)) {
            csv = csv + "x".repeat(pick(random, 10_000, 1_000_000)) + "\n";
        }
        if (mutations.contains(Mutation.GARBAGE_BODY)) {
            csv = pick(random, "", "\"", "a,\"b\nc", ",,,,\n,,,", "{\"json\":true}");
        }
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        if (mutations.contains(Mutation.INVALID_UTF8)) {
            bytes[bytes.length / 2] = (byte) 0xFF;
        }
        return bytes;
    }

    /** A value for the schema, as a client following the contract would send it. */
    private JsonNode value(JsonNode schema, String name, Random random, int depth) {
        schema = resolve(schema);
        if (schema.has("example") && random.nextInt(3) == 0 && !schema.path("example").isNull()) {
            return schema.path("example");
        }
        if (schema.has("allOf")) {
            JsonNode merged = merge(schema);
            if (!merged.equals(schema)) {
                return value(merged, name, random, depth);
            }
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            if (schema.has(choice) && schema.path(choice).size() > 0) {
                return value(schema.path(choice).get(random.nextInt(schema.path(choice).size())), name, random, depth);
            }
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Set<String> required = new HashSet<>();
                schema.path("required").forEach(property -> required.add(property.asText()));
                for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext();) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    if (required.contains(property.getKey()) || (depth < 4 && random.nextInt(3) > 0)) {
                        object.set(property.getKey(), value(property.getValue(), property.getKey(), random, depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int min = schema.path("minItems").asInt(0);
                int count = Math.max(min, depth < 4 ? 1 + random.nextInt(2) : 0);
                for (int i = 0; i < count; i++) {
                    array.add(value(schema.path("items"), name, random, depth + 1));
                }
                return array;
            }
            default -> {
                return scalar(schema, name, random);
            }
        }
    }

    private JsonNode scalar(JsonNode schema, String name, Random random) {
        String fromWorld = world.valueFor(name);
        if (fromWorld != null) {
            return TextNode.valueOf(fromWorld);
        }
        if (schema.has("enum") && schema.path("enum").size() > 0) {
            return schema.path("enum").get(random.nextInt(schema.path("enum").size()));
        }
        switch (schema.path("type").asText("string")) {
            case "integer", "number" -> {
                long min = schema.has("minimum") ? schema.path("minimum").asLong() : 0;
                long max = schema.has("maximum") ? schema.path("maximum").asLong() : min + 100;
                return NODES.numberNode(min + (long) (random.nextDouble() * (max - min)));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                LocalDate today = LocalDate.now();
                String format = schema.path("format").asText("");
                return TextNode.valueOf(switch (format) {
                    case "date" -> today.minusDays(random.nextInt(400)).toString();
                    case "date-time" -> OffsetDateTime.now(ZoneOffset.UTC).minusHours(random.nextInt(1000)).withNano(0).toString();
                    case "uuid" -> {
                        String known = world.idAfter(pick(random, "pathways", "events", "missions-locales"), "departement");
                        yield known != null && random.nextBoolean() ? known : UUID.randomUUID().toString();
                    }
                    case "uri", "url" -> "http://127.0.0.1:9/fuzz/" + random.nextInt(1000);
                    case "email" -> "fuzz" + random.nextInt(1000) + "@example.org";
                    case "int32", "int64" -> Integer.toString(random.nextInt(100));
                    default -> {
                        int length = Math.max(schema.path("minLength").asInt(1), Math.min(schema.path("maxLength").asInt(12), 12));
                        StringBuilder text = new StringBuilder("F");
                        while (text.length() < length) {
                            text.append((char) ('a' + random.nextInt(26)));
                        }
                        yield text.toString();
                    }
                });
            }
        }
    }

    /** An allOf of a referenced schema and local constraints, seen as one schema. */
    private JsonNode merge(JsonNode schema) {
        ObjectNode merged = ((ObjectNode) schema).deepCopy();
        merged.remove("allOf");
        for (JsonNode part : schema.path("allOf")) {
            JsonNode resolved = resolve(part);
            resolved.fields().forEachRemaining(field -> {
                if (!merged.has(field.getKey())) {
                    merged.set(field.getKey(), field.getValue());
                }
            });
        }
        return merged;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String[] pointer = current.path("$ref").asText().substring(2).split("/");
            JsonNode target = contract;
            for (String part : pointer) {
                target = target.path(part);
            }
            current = target;
        }
        return current;
    }

    // ----- tree mutations

    /** Every node of the tree with its parent, depth first; the root's parent is null. */
    private static List<JsonNode[]> nodes(JsonNode root) {
        List<JsonNode[]> all = new ArrayList<>();
        collect(root, null, all);
        return all;
    }

    private static void collect(JsonNode node, JsonNode parent, List<JsonNode[]> all) {
        all.add(new JsonNode[] {node, parent});
        node.forEach(child -> collect(child, node, all));
    }

    private static JsonNode replaceRandomNode(JsonNode root, Random random, Function<JsonNode, JsonNode> replacement) {
        List<JsonNode[]> all = nodes(root);
        JsonNode[] chosen = all.get(random.nextInt(all.size()));
        JsonNode node = chosen[0];
        JsonNode parent = chosen[1];
        JsonNode replaced = replacement.apply(node);
        if (parent == null) {
            return replaced;
        }
        if (parent instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                if (field.getValue() == node) {
                    field.setValue(replaced);
                }
            });
        } else if (parent instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) == node) {
                    array.set(i, replaced);
                }
            }
        }
        return root;
    }

    private static JsonNode wrongType(JsonNode node, Random random) {
        List<JsonNode> candidates = new ArrayList<>(List.of(NODES.numberNode(random.nextInt(1000) - 500), NODES.numberNode(1.5e300),
                TextNode.valueOf("wrong"), NODES.booleanNode(true), NODES.nullNode(), NODES.objectNode().put("x", 1),
                NODES.arrayNode().add(1).add("two"), TextNode.valueOf(""), NODES.numberNode(new BigInteger("9".repeat(40)))));
        candidates.removeIf(candidate -> candidate.getNodeType() == node.getNodeType());
        return candidates.get(random.nextInt(candidates.size()));
    }

    private static void removeRandomProperty(JsonNode root, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode[] node : nodes(root)) {
            if (node[0] instanceof ObjectNode object && object.size() > 0) {
                objects.add(object);
            }
        }
        if (objects.isEmpty()) {
            return;
        }
        ObjectNode object = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        object.remove(names.get(random.nextInt(names.size())));
    }

    private static ObjectNode randomObject(JsonNode root, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode[] node : nodes(root)) {
            if (node[0] instanceof ObjectNode object) {
                objects.add(object);
            }
        }
        return objects.isEmpty() ? NODES.objectNode() : objects.get(random.nextInt(objects.size()));
    }

    /** Arrays and objects nested {@code depth} deep, as text: a tree that deep would overflow the stack of whoever walks it. */
    private static String nested(int depth) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            open.append(i % 2 == 0 ? "[" : "{\"n\":");
            close.insert(0, i % 2 == 0 ? "]" : "}");
        }
        return open + "1" + close;
    }

    private static JsonNode nonObjectElements(JsonNode body, Random random) {
        ArrayNode array = body instanceof ArrayNode existing ? existing : NODES.arrayNode().add(body);
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            JsonNode element = pick(random, NODES.nullNode(), NODES.numberNode(1), NODES.arrayNode(), TextNode.valueOf("event"),
                    NODES.booleanNode(false), NODES.arrayNode().add(NODES.objectNode()));
            array.insert(random.nextInt(array.size() + 1), element);
        }
        return array;
    }

    /** The body written with one property of one object given twice (the second time with another value). */
    private static String withDuplicate(JsonNode body, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode[] node : nodes(body)) {
            if (node[0] instanceof ObjectNode object && object.size() > 0) {
                objects.add(object);
            }
        }
        if (objects.isEmpty()) {
            return written(body, null);
        }
        return written(body, objects.get(random.nextInt(objects.size())));
    }

    /** The body as JSON text, however deep (Jackson refuses to write past 1000 levels). */
    private static String written(JsonNode body, ObjectNode duplicateIn) {
        StringBuilder text = new StringBuilder();
        write(body, duplicateIn, text);
        return text.toString();
    }

    private static void write(JsonNode node, ObjectNode duplicateIn, StringBuilder text) {
        if (node instanceof ObjectNode object) {
            text.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!first) {
                    text.append(',');
                }
                first = false;
                text.append(TextNode.valueOf(field.getKey())).append(':');
                write(field.getValue(), duplicateIn, text);
                if (object == duplicateIn && !fields.hasNext()) {
                    text.append(',').append(TextNode.valueOf(object.fieldNames().next())).append(":\"again\"");
                }
            }
            text.append('}');
        } else if (node instanceof ArrayNode array) {
            text.append('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                write(array.get(i), duplicateIn, text);
            }
            text.append(']');
        } else {
            text.append(node);
        }
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
