package fr.passerelle.pathway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.platform.security.OrganisationKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Converts event data between the typed records and the JSON stored in the log. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String encode(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode toTree(Object value) {
        return mapper.valueToTree(value);
    }

    <T> T decode(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a pathway's rows, in recording order; a correction's data is read with its target's type. */
    List<StoredEvent> decode(List<PathwayEventRepository.Row> rows) {
        Map<UUID, EventType> types = new HashMap<>();
        for (PathwayEventRepository.Row row : rows) {
            types.put(row.id(), EventType.byName(row.type())
                    .orElseThrow(() -> new IllegalStateException("unknown stored event type " + row.type())));
        }
        List<StoredEvent> events = new ArrayList<>(rows.size());
        for (PathwayEventRepository.Row row : rows) {
            EventType type = types.get(row.id());
            EventData.Payload data = type == EventType.EVENT_CORRECTED
                    ? decode(row.data(), types.get(row.targetEventId()).dataClass())
                    : decode(row.data(), type.dataClass());
            events.add(new StoredEvent(row.id(), row.seq(), row.pathwayId(), type, row.occurredOn(), row.recordedAt(),
                    OrganisationKind.valueOf(row.recorderKind()), row.recorderId(), row.targetEventId(), data));
        }
        return events;
    }
}
