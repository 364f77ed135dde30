package fr.passerelle.pathway;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Discriminator;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Writes the event schemas of the contract from the event catalogue ({@link EventType}), so that
 * generated clients read and write each type's data with its own class:
 * <ul>
 * <li>each type's data schema is closed ({@code additionalProperties: false}, as the service reads it);</li>
 * <li>{@code CloudEvent} becomes one envelope per type that may be pushed, discriminated by {@code type}
 * (the full CloudEvents type name), each with its type's data;</li>
 * <li>{@code PathwayEvent} (timeline, feed, step answers) becomes one view per type, discriminated by
 * {@code type}, each with its type's data as shown: of ASE support, a Mission Locale sees only some
 * fields;</li>
 * <li>a correction's data is {@code {eventId, targetType, data}}, discriminated by {@code targetType};</li>
 * <li>the Events tag describes the catalogue, as {@code GET /api/v1/event-types} does.</li>
 * </ul>
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class EventContract implements OASFilter {

    static final String ENVELOPE = "CloudEvent";
    static final String VIEW = "PathwayEvent";
    static final String ANY_DATA = "EventData";
    static final String CORRECTION_DATA = "EventCorrectedData";
    static final String CORRECTION_VIEW_DATA = "EventCorrectedViewData";
    static final String EVENTS_TAG = "Events";
    private static final String REF = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        Map<String, Schema> schemas = new TreeMap<>(components.getSchemas());
        Schema envelope = existing(schemas, ENVELOPE);
        Schema view = existing(schemas, VIEW);
        schemas.remove(ANY_DATA);

        Schema startedData = existing(schemas, EventType.ASE_SUPPORT_STARTED.dataSchemaName());
        startedData.addProperty("youngPerson", ref("YoungPerson"));
        startedData.description("ASE support starts. `youngPerson` is required in the event that registers the young person: the "
                + "first event about a case reference the service does not know yet. It is kept apart from the event, with the "
                + "pathway's identity, and never shown in the event; an event about a known pathway must not carry it.");
        for (EventType type : EventType.values()) {
            if (type.dataClass() != null) {
                close(existing(schemas, type.dataSchemaName()), schemas, new HashSet<>());
            }
        }

        Map<String, String> envelopes = new LinkedHashMap<>();
        Map<String, String> views = new LinkedHashMap<>();
        Map<String, String> corrections = new LinkedHashMap<>();
        Map<String, String> correctionViews = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            String base = type.schemaBaseName();
            String viewData = type == EventType.EVENT_CORRECTED ? CORRECTION_VIEW_DATA : type.dataSchemaName();
            if (type.cutForMissionLocales()) {
                viewData = base + "ViewData";
                schemas.put(viewData, viewData(existing(schemas, type.dataSchemaName())));
            }
            if (type.correctionTarget()) {
                String correction = base + "Correction";
                schemas.put(correction, correction(type, type.dataSchemaName()));
                corrections.put(type.typeName(), correction);
                String correctionView = correction;
                if (type.cutForMissionLocales()) {
                    correctionView = base + "ViewCorrection";
                    schemas.put(correctionView, correction(type, viewData));
                }
                correctionViews.put(type.typeName(), correctionView);
            }
            if (type.submittable()) {
                String name = base + "CloudEvent";
                schemas.put(name, variant(envelope, "type", type.cloudEventType(), type.dataSchemaName(),
                        "A `" + type.cloudEventType() + "` CloudEvent"));
                envelopes.put(type.cloudEventType(), name);
            }
            String name = base + "Event";
            schemas.put(name, variant(view, "type", type.typeName(), viewData, "A `" + type.typeName() + "` event"));
            views.put(type.typeName(), name);
        }
        schemas.put(CORRECTION_DATA, union("The data of a correction: the corrected event, its type, and the corrected data of that "
                + "type, which replaces the event's data (with the correction's date).", "targetType", corrections));
        schemas.put(CORRECTION_VIEW_DATA, union("The data of a correction as shown: the corrected event, its type, and the corrected "
                + "data of that type, as the reader may see it.", "targetType", correctionViews));
        schemas.put(ENVELOPE, union(envelope.getDescription(), "type", envelopes));
        schemas.put(VIEW, union(view.getDescription(), "type", views));
        components.setSchemas(schemas);

        describeCatalogue(openAPI);
    }

    private static void describeCatalogue(OpenAPI openAPI) {
        for (Tag tag : openAPI.getTags()) {
            if (tag.getName().equals(EVENTS_TAG)) {
                tag.description(tag.getDescription() + "\n\n## Event catalogue\n`GET /api/v1/event-types` publishes the same. Dates "
                        + "are Europe/Paris calendar dates; a CloudEvent's `time` is converted to Paris time.\n\n"
                        + EventTypeDescription.markdownTable());
            }
        }
    }

    private static Schema existing(Map<String, Schema> schemas, String name) {
        Schema schema = schemas.get(name);
        if (schema == null) {
            throw new IllegalStateException("The contract has no schema " + name + ": annotate the class with @Schema(name = \"" + name
                    + "\") and list it in EventData.Payload");
        }
        return schema;
    }

    /** The service refuses unknown properties in event data: the contract says so, down to nested objects. */
    private static void close(Schema schema, Map<String, Schema> schemas, Set<String> seen) {
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(REF.length());
            if (seen.add(name)) {
                close(existing(schemas, name), schemas, seen);
            }
            return;
        }
        if (schema.getItems() != null) {
            close(schema.getItems(), schemas, seen);
        }
        if (schema.getAllOf() != null) {
            schema.getAllOf().forEach(part -> close(part, schemas, seen));
        }
        if (schema.getType() != null && schema.getType().contains(Schema.SchemaType.OBJECT)) {
            schema.additionalPropertiesBoolean(false);
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(property -> close(property, schemas, seen));
            }
        }
    }

    /** ASE support data as shown: a Mission Locale sees only some fields, so that only those are required. */
    private static Schema viewData(Schema data) {
        Map<String, Schema> properties = new LinkedHashMap<>(data.getProperties());
        properties.remove("youngPerson");
        List<String> required = new ArrayList<>(data.getRequired() == null ? List.of() : data.getRequired());
        required.retainAll(EventType.ASE_FIELDS_SHOWN_TO_MISSION_LOCALES);
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("As shown: the owning département sees every field; a Mission Locale only "
                        + String.join(", ", EventType.ASE_FIELDS_SHOWN_TO_MISSION_LOCALES) + ".")
                .properties(properties).additionalPropertiesBoolean(false);
        return required.isEmpty() ? schema : schema.required(required);
    }

    private static Schema correction(EventType target, String dataSchema) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("eventId", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uuid").maxLength(36)
                .description("The corrected event"));
        properties.put("targetType", constant(target.typeName()).description("The corrected event's type"));
        properties.put("data", ref(dataSchema));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("A correction of a `" + target.typeName() + "` event")
                .required(List.of("eventId", "targetType", "data")).properties(properties).additionalPropertiesBoolean(false);
    }

    /** The template with {@code discriminator} fixed to one value and {@code data} of that type. */
    private static Schema variant(Schema template, String discriminator, String value, String dataSchema, String description) {
        Map<String, Schema> properties = new LinkedHashMap<>(template.getProperties());
        properties.put(discriminator, constant(value));
        properties.put("data", ref(dataSchema));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description(description)
                .required(template.getRequired()).properties(properties);
    }

    /** A one-value enumeration: it tells the variants apart, even to validators that ignore the discriminator. */
    private static Schema constant(String value) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).addEnumeration(value);
    }

    private static Schema union(String description, String discriminator, Map<String, String> variants) {
        Discriminator mapping = OASFactory.createDiscriminator().propertyName(discriminator);
        Schema union = OASFactory.createSchema().description(description).discriminator(mapping);
        variants.forEach((value, name) -> {
            mapping.addMapping(value, REF + name);
            union.addOneOf(ref(name));
        });
        return union;
    }

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref(REF + name);
    }
}
