package fr.passerelle.pathway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.problem.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads CloudEvents 1.0 (JSON format) into submissions. {@code time} is when the step happened;
 * its Europe/Paris calendar date is the date that counts. The young person is named by one of the
 * extension attributes {@code pathwayid} or {@code casereference}.
 */
@ApplicationScoped
public class CloudEventReader {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Set<String> ATTRIBUTES = Set.of("specversion", "id", "source", "type", "time", "subject",
            "datacontenttype", "dataschema", "data", "pathwayid", "casereference");
    /** The longest {@code id} and {@code source}, as the contract says. */
    static final int MAX_ATTRIBUTE_LENGTH = 200;
    private static final Set<String> CORRECTION_FIELDS = Set.of("eventId", "targetType", "data");

    private final ObjectReader strict;
    private final ObjectMapper mapper;
    private final Validator validator;

    public CloudEventReader(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.strict = mapper.reader().with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.validator = validator;
    }

    /** Reads one event; never throws: an unreadable event becomes an {@link EventSubmission.Unreadable}. */
    public EventSubmission read(JsonNode node) {
        String source = text(node, "source");
        String id = text(node, "id");
        String type = text(node, "type");
        try {
            return readValid(node);
        } catch (ApiException e) {
            // Kept for reconciliation and echoed in receipts: at most the length a valid attribute may have.
            return new EventSubmission.Unreadable(clip(source), clip(id), clip(type), e);
        }
    }

    private EventSubmission.Readable readValid(JsonNode node) {
        if (!node.isObject()) {
            throw ApiException.invalid("", "an event must be a JSON object");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!ATTRIBUTES.contains(name)) {
                errors.add(Problem.FieldError.atPointer("/" + name, "unknown attribute"));
            }
        }
        if (!"1.0".equals(text(node, "specversion"))) {
            errors.add(Problem.FieldError.atPointer("/specversion", "must be \"1.0\""));
        }
        requireText(node, "id", MAX_ATTRIBUTE_LENGTH, errors);
        requireText(node, "source", MAX_ATTRIBUTE_LENGTH, errors);
        optionalText(node, "subject", 200, errors);
        optionalText(node, "dataschema", 2048, errors);
        String contentType = text(node, "datacontenttype");
        if (contentType != null && !contentType.startsWith("application/json")) {
            errors.add(Problem.FieldError.atPointer("/datacontenttype", "must be application/json"));
        }
        EventType type = EventType.byCloudEventType(text(node, "type")).filter(EventType::submittable).orElse(null);
        if (type == null) {
            errors.add(Problem.FieldError.atPointer("/type", "unknown event type; see the event catalogue"));
        }
        Instant occurredAt = null;
        try {
            String time = text(node, "time");
            if (time == null) {
                errors.add(Problem.FieldError.atPointer("/time", "required: when the step happened (RFC 3339)"));
            } else {
                occurredAt = OffsetDateTime.parse(time).toInstant();
            }
        } catch (DateTimeParseException e) {
            errors.add(Problem.FieldError.atPointer("/time", "must be an RFC 3339 date-time, e.g. 2025-03-12T10:00:00+01:00"));
        }
        EventSubmission.PathwayReference reference = reference(node, errors);
        if (!errors.isEmpty()) {
            throw Violations.invalid(errors);
        }
        JsonNode data = node.has("data") ? node.get("data") : mapper.createObjectNode();
        if (!data.isObject()) {
            throw ApiException.invalid("/data", "must be a JSON object");
        }
        LocalDate occurredOn = occurredAt.atZone(PARIS).toLocalDate();
        String source = text(node, "source");
        String id = text(node, "id");
        if (type == EventType.EVENT_CORRECTED) {
            return correction(source, id, reference, occurredOn, occurredAt, (ObjectNode) data);
        }
        YoungPerson youngPerson = null;
        ObjectNode payload = (ObjectNode) data;
        if (type == EventType.ASE_SUPPORT_STARTED && payload.has("youngPerson")) {
            // A copy: the identity leaves the data, not the event as sent.
            payload = payload.deepCopy();
            youngPerson = parse(payload.remove("youngPerson"), YoungPerson.class, "/data/youngPerson");
        }
        EventData.Payload typed = parse(payload, type.dataClass(), "/data");
        UUID target = targetOf(typed);
        return new EventSubmission.Readable(source, id, type, reference, occurredOn, occurredAt, typed, target, null, youngPerson,
                false, null);
    }

    /**
     * A correction's data is {@code {eventId, targetType, data}}: {@code targetType} names the type of
     * the corrected event, so that {@code data} is read, here, as that type's data; the write path
     * checks that the event named is of that type.
     */
    private EventSubmission.Readable correction(String source, String id, EventSubmission.PathwayReference reference,
            LocalDate occurredOn, Instant occurredAt, ObjectNode data) {
        List<Problem.FieldError> errors = new ArrayList<>();
        UUID target = null;
        try {
            target = UUID.fromString(data.path("eventId").asText());
        } catch (IllegalArgumentException e) {
            errors.add(Problem.FieldError.atPointer("/data/eventId", "required: the id of the event to correct"));
        }
        EventType targetType = EventType.byName(data.path("targetType").asText()).filter(EventType::correctionTarget).orElse(null);
        if (targetType == null) {
            errors.add(Problem.FieldError.atPointer("/data/targetType",
                    "required: the type of the event to correct, one the catalogue says may be corrected"));
        }
        if (!data.path("data").isObject()) {
            errors.add(Problem.FieldError.atPointer("/data/data", "required: the corrected data of the event"));
        }
        for (Iterator<String> names = data.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!CORRECTION_FIELDS.contains(name)) {
                errors.add(Problem.FieldError.atPointer("/data/" + name, "unknown property"));
            }
        }
        if (!errors.isEmpty()) {
            throw Violations.invalid(errors);
        }
        EventData.Payload corrected = parse(data.get("data"), targetType.dataClass(), "/data/data");
        return new EventSubmission.Readable(source, id, EventType.EVENT_CORRECTED, reference, occurredOn, occurredAt, corrected,
                target, null, null, false, null);
    }

    /** Reads and validates data of the given class; errors point below {@code pointer}. */
    <T> T parse(JsonNode node, Class<T> type, String pointer) {
        T value;
        try {
            value = strict.treeToValue(node, type);
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder(pointer);
            for (JsonMappingException.Reference ref : e.getPath()) {
                path.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
            }
            String reason = e instanceof UnrecognizedPropertyException
                    ? "unknown property" : "value of the wrong type or format";
            throw new ApiException(ProblemType.VALIDATION_FAILED, path + ": " + reason,
                    List.of(Problem.FieldError.atPointer(path.toString(), reason)));
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(pointer, "unreadable");
        }
        List<Problem.FieldError> errors = Violations.fieldErrors(pointer, validator.validate(value));
        if (!errors.isEmpty()) {
            throw Violations.invalid(errors);
        }
        return value;
    }

    static UUID targetOf(EventData.Payload data) {
        if (data instanceof EventData.EventRetracted retracted) {
            return retracted.eventId();
        }
        if (data instanceof EventData.JointStepConfirmed confirmed) {
            return confirmed.eventId();
        }
        if (data instanceof EventData.JointStepDisputed disputed) {
            return disputed.eventId();
        }
        return null;
    }

    private static EventSubmission.PathwayReference reference(JsonNode node, List<Problem.FieldError> errors) {
        String pathwayId = text(node, "pathwayid");
        String caseReference = text(node, "casereference");
        if ((pathwayId == null) == (caseReference == null)) {
            errors.add(Problem.FieldError.atPointer("/pathwayid", "give exactly one of pathwayid and casereference"));
            return null;
        }
        if (pathwayId != null) {
            try {
                return EventSubmission.PathwayReference.byId(UUID.fromString(pathwayId));
            } catch (IllegalArgumentException e) {
                errors.add(Problem.FieldError.atPointer("/pathwayid", "must be a UUID"));
                return null;
            }
        }
        if (caseReference.isBlank() || caseReference.length() > 64) {
            errors.add(Problem.FieldError.atPointer("/casereference", "must be 1 to 64 characters"));
            return null;
        }
        return new EventSubmission.PathwayReference(null, caseReference);
    }

    private static void requireText(JsonNode node, String name, int max, List<Problem.FieldError> errors) {
        String value = text(node, name);
        if (value == null || value.isBlank() || value.length() > max) {
            errors.add(Problem.FieldError.atPointer("/" + name, "required, 1 to " + max + " characters"));
        }
    }

    private static void optionalText(JsonNode node, String name, int max, List<Problem.FieldError> errors) {
        JsonNode value = node.get(name);
        if (value != null && (!value.isTextual() || value.asText().length() > max)) {
            errors.add(Problem.FieldError.atPointer("/" + name, "at most " + max + " characters"));
        }
    }

    private static String clip(String value) {
        return value == null || value.length() <= MAX_ATTRIBUTE_LENGTH ? value : value.substring(0, MAX_ATTRIBUTE_LENGTH);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
