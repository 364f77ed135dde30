package fr.passerelle.pathway;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.platform.problem.ApiException;
import java.time.LocalDate;
import java.util.UUID;

/** One step recorded through an interactive resource. */
public record StepCommand(UUID pathwayId, EventType type, LocalDate occurredOn, EventData.Payload data, UUID targetEventId,
        JsonNode correctionData) {

    /**
     * A step of the given type; {@code data} may be null for a type whose data has no field.
     * Otherwise a missing {@code data} is refused.
     */
    public static StepCommand of(UUID pathwayId, EventType type, LocalDate occurredOn, EventData.Payload data) {
        EventData.Payload effective = data != null ? data : empty(type);
        return new StepCommand(pathwayId, type, occurredOn, effective, CloudEventReader.targetOf(effective), null);
    }

    public static StepCommand correction(UUID pathwayId, UUID targetEventId, LocalDate occurredOn, JsonNode data) {
        return new StepCommand(pathwayId, EventType.EVENT_CORRECTED, occurredOn, null, targetEventId, data);
    }

    private static EventData.Payload empty(EventType type) {
        if (type.dataClass().getRecordComponents().length > 0) {
            throw ApiException.invalid("/data", "required");
        }
        try {
            return type.dataClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
