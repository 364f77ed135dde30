package fr.passerelle.pathway;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of the event catalogue, read from {@link EventType}: the endpoint, the contract and the README publish the same. */
@Schema(name = "EventTypeDescription", description = "One type of the event catalogue")
public record EventTypeDescription(
        @Schema(required = true, maxLength = 64, example = "mission-locale.solicited.v1", description = "Versioned type name") String type,
        @Schema(required = true, maxLength = 80, example = "fr.passerelle.mission-locale.solicited.v1",
                description = "The CloudEvents `type` attribute") String cloudEventType,
        @Schema(required = true, minimum = "1", maximum = "99", description = "The type's version") int version,
        @Schema(required = true) Recorder recordedBy,
        @Schema(required = true, description = "Accepted by POST /api/v1/events and /api/v1/events/batches; otherwise the service "
                + "records it (registration, rectification of identity, erasure)") boolean pushable,
        @Schema(required = true, description = "A correction or a retraction may name an event of this type") boolean correctable,
        @Schema(required = true, maxLength = 64, example = "MissionLocaleSolicitedData",
                description = "Name of the schema of its data in the contract") String dataSchema,
        @Schema(required = true, maxLength = 100, example = "#/components/schemas/MissionLocaleSolicitedData",
                description = "Reference of that schema in the contract") String dataSchemaRef,
        @Schema(required = true, maxLength = 300, description = "Which dates the event may carry; dates are Europe/Paris calendar dates")
        String dateRule) {

    static EventTypeDescription of(EventType type) {
        return new EventTypeDescription(type.typeName(), type.cloudEventType(), type.version(), type.recorder(), type.submittable(),
                type.correctionTarget(), type.dataSchemaName(), "#/components/schemas/" + type.dataSchemaName(), AgeRules.describe(type));
    }

    /** The whole catalogue, in the order of {@link EventType}. */
    public static List<EventTypeDescription> catalogue() {
        return Arrays.stream(EventType.values()).map(EventTypeDescription::of).toList();
    }

    /** The catalogue as a Markdown table, for the contract and the README. */
    public static String markdownTable() {
        return "| type | recorded by | pushable | correctable | data | dates |\n|---|---|---|---|---|---|\n"
                + catalogue().stream().map(entry -> "| `" + entry.type() + "` | " + entry.recordedBy() + " | "
                        + (entry.pushable() ? "yes" : "no") + " | " + (entry.correctable() ? "yes" : "no") + " | `" + entry.dataSchema()
                        + "` | " + entry.dateRule() + " |")
                        .collect(Collectors.joining("\n")) + "\n";
    }
}
