package fr.passerelle.platform.openapi;

import fr.passerelle.platform.ratelimit.RateLimitHeaders;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Conventions of the whole contract, applied once every schema is there:
 * <ul>
 * <li>dates, instants and UUIDs are written inline with their format and length, not as references
 * to one-line schemas that generators turn into classes of their own;</li>
 * <li>a page of a list is named after its items ({@code RejectedEventPage}, not the Java type's name);</li>
 * <li>every response documents the rate-limit headers the service sends;</li>
 * <li>strings of a fixed format (UUID, date, date-time) and the standard HTTP headers carry the length
 * their format gives them, so that every string of the contract is bounded.</li>
 * </ul>
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = -100)
public class ContractConventions implements OASFilter {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String PAGE = "Page";

    /** One-line schemas of Java scalar types, written inline where they are used. */
    private static final Map<String, UnaryOperator<Schema>> SCALARS = Map.of(
            "LocalDate", schema -> schema.addType(Schema.SchemaType.STRING).format("date").maxLength(10),
            "Instant", schema -> schema.addType(Schema.SchemaType.STRING).format("date-time").maxLength(35),
            "OffsetDateTime", schema -> schema.addType(Schema.SchemaType.STRING).format("date-time").maxLength(35),
            "UUID", schema -> schema.addType(Schema.SchemaType.STRING).format("uuid").maxLength(36)
                    .pattern("[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}"));

    /** Longest values of the standard headers the service reads or writes. */
    private static final Map<String, Integer> HEADER_LENGTHS = Map.of(
            "ETag", 600, "If-Match", 600, "If-None-Match", 600, "Location", 2048, "Content-Disposition", 200,
            "Idempotency-Key", 200);

    /**
     * Longest values of the query and path parameters that name an organisation, a place or a search
     * text, when their annotation gives none: codes are short, an id is a UUID, a search text is a few words.
     */
    private static final Map<String, Integer> PARAMETER_LENGTHS = Map.ofEntries(
            Map.entry("cursor", 512), Map.entry("q", 200), Map.entry("departement", 3), Map.entry("region", 3),
            Map.entry("commune", 5), Map.entry("epci", 9), Map.entry("owner", 64), Map.entry("author", 64),
            Map.entry("organisation", 64), Map.entry("code", 20));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        Map<String, Schema> schemas = new TreeMap<>(components.getSchemas());
        SCALARS.keySet().forEach(schemas::remove);
        Map<String, String> renames = pageNames(schemas);
        renames.forEach((from, to) -> schemas.put(to, schemas.remove(from)));
        schemas.values().forEach(schema -> rewrite(schema, renames));
        components.setSchemas(schemas);

        RateLimitHeaders.NAMES.forEach((name, description) -> components.addHeader(name, OASFactory.createHeader()
                .description(description).schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .minimum(java.math.BigDecimal.ZERO).maximum(java.math.BigDecimal.valueOf(RateLimitHeaders.MAX_VALUE)))));
        if (components.getResponses() != null) {
            components.getResponses().values().forEach(response -> complete(response, renames));
        }
        if (openAPI.getPaths() != null) {
            for (PathItem path : openAPI.getPaths().getPathItems().values()) {
                for (Operation operation : path.getOperations().values()) {
                    if (operation.getParameters() != null) {
                        for (Parameter parameter : operation.getParameters()) {
                            rewrite(parameter.getSchema(), renames);
                            if (parameter.getIn() == Parameter.In.HEADER) {
                                bound(parameter.getName(), parameter.getSchema());
                            } else {
                                boundParameter(parameter);
                            }
                        }
                    }
                    if (operation.getRequestBody() != null) {
                        rewrite(operation.getRequestBody().getContent(), renames);
                    }
                    operation.getResponses().getAPIResponses().values().forEach(response -> complete(response, renames));
                }
            }
        }
    }

    /** {@code PageRejectedEventView} (generic type and Java class names) becomes {@code RejectedEventPage}. */
    private static Map<String, String> pageNames(Map<String, Schema> schemas) {
        Map<String, String> renames = new HashMap<>();
        schemas.forEach((name, schema) -> {
            Schema items = name.startsWith(PAGE) && schema.getProperties() != null ? schema.getProperties().get("items") : null;
            if (items != null && items.getItems() != null && items.getItems().getRef() != null) {
                renames.put(name, items.getItems().getRef().substring(SCHEMAS.length()) + PAGE);
            }
        });
        return renames;
    }

    private static void complete(APIResponse response, Map<String, String> renames) {
        if (response.getRef() != null) {
            return;
        }
        rewrite(response.getContent(), renames);
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, header) -> {
                rewrite(header.getSchema(), renames);
                bound(name, header.getSchema());
            });
        }
        Map<String, Header> headers = new TreeMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
        RateLimitHeaders.NAMES.keySet().forEach(name -> headers.put(name, OASFactory.createHeader().ref(name)));
        response.setHeaders(headers);
    }

    private static void boundParameter(Parameter parameter) {
        Schema schema = parameter.getSchema();
        if (schema == null || schema.getType() == null) {
            return;
        }
        if (schema.getType().contains(Schema.SchemaType.STRING) && schema.getMaxLength() == null && schema.getFormat() == null
                && PARAMETER_LENGTHS.containsKey(parameter.getName())) {
            schema.maxLength(PARAMETER_LENGTHS.get(parameter.getName()));
        }
        if (schema.getType().contains(Schema.SchemaType.INTEGER) && parameter.getName().equals("year") && schema.getMaximum() == null) {
            schema.format("int32").minimum(java.math.BigDecimal.valueOf(2000)).maximum(java.math.BigDecimal.valueOf(2200));
        }
    }

    private static void bound(String header, Schema schema) {
        if (schema != null && schema.getMaxLength() == null && HEADER_LENGTHS.containsKey(header)) {
            schema.maxLength(HEADER_LENGTHS.get(header));
        }
    }

    private static void rewrite(Content content, Map<String, String> renames) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().stream().map(MediaType::getSchema).forEach(schema -> rewrite(schema, renames));
        }
    }

    /** Renames references, and writes scalar types inline, in a schema and the schemas it holds. */
    private static void rewrite(Schema schema, Map<String, String> renames) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(SCHEMAS.length());
            if (SCALARS.containsKey(name)) {
                schema.setRef(null);
                SCALARS.get(name).apply(schema.type(null));
            } else if (renames.containsKey(name)) {
                schema.setRef(SCHEMAS + renames.get(name));
            }
            return;
        }
        if (schema.getAllOf() != null && schema.getAllOf().size() == 1 && schema.getAllOf().get(0).getRef() != null
                && SCALARS.containsKey(schema.getAllOf().get(0).getRef().substring(SCHEMAS.length()))) {
            // SmallRye writes an annotated scalar property as allOf with the scalar's reference.
            String name = schema.getAllOf().get(0).getRef().substring(SCHEMAS.length());
            schema.setAllOf(null);
            SCALARS.get(name).apply(schema.type(null));
        }
        if (schema.getFormat() != null && schema.getMaxLength() == null && schema.getType() != null
                && schema.getType().contains(Schema.SchemaType.STRING)) {
            SCALARS.values().stream().map(scalar -> scalar.apply(OASFactory.createSchema()))
                    .filter(scalar -> scalar.getFormat().equals(schema.getFormat())).findFirst()
                    .ifPresent(scalar -> schema.maxLength(scalar.getMaxLength()).pattern(scalar.getPattern()));
        }
        List<Schema> nested = new ArrayList<>();
        if (schema.getProperties() != null) {
            nested.addAll(schema.getProperties().values());
        }
        nested.add(schema.getItems());
        nested.add(schema.getAdditionalPropertiesSchema());
        for (List<Schema> group : java.util.Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
            if (group != null) {
                nested.addAll(group);
            }
        }
        nested.forEach(child -> rewrite(child, renames));
    }
}
