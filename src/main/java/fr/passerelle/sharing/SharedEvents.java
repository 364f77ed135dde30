package fr.passerelle.sharing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import fr.passerelle.pathway.EventType;
import fr.passerelle.pathway.EventView;
import fr.passerelle.pathway.StoredEvent;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events as a Mission Locale sees them. */
final class SharedEvents {

    private SharedEvents() {
    }

    /** A single event as a Mission Locale sees it in the feed: its status is the one it had when recorded. */
    static EventView view(StoredEvent event, ObjectMapper mapper) {
        return view(event, mapper, EventView.Status.ACTIVE, List.of(), null);
    }

    /**
     * A single event as its owning département sees it in the feed. Its data is written once as
     * JSON and embedded as it is, rather than turned into a tree to be written again.
     */
    static EventView full(StoredEvent event, ObjectMapper mapper) {
        JsonNode data;
        try {
            data = mapper.getNodeFactory().rawValueNode(new RawValue(mapper.writeValueAsString(event.data())));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new EventView(event.id(), event.pathwayId(), event.type().typeName(), event.occurredOn(), event.recordedAt(),
                new EventView.RecordedBy(event.recorderKind().name(), event.recorderId()), event.targetEventId(),
                data, EventView.Status.ACTIVE, List.of(), null);
    }

    /** Visible events with their current status, in the given order. */
    static List<EventView> timeline(List<StoredEvent> events, ObjectMapper mapper) {
        Map<UUID, List<UUID>> corrections = new HashMap<>();
        Map<UUID, UUID> retractions = new HashMap<>();
        for (StoredEvent event : events) {
            if (event.type() == EventType.EVENT_CORRECTED) {
                corrections.computeIfAbsent(event.targetEventId(), target -> new ArrayList<>()).add(event.id());
            } else if (event.type() == EventType.EVENT_RETRACTED) {
                retractions.put(event.targetEventId(), event.id());
            }
        }
        return events.stream().map(event -> view(event, mapper,
                retractions.containsKey(event.id()) ? EventView.Status.RETRACTED
                        : corrections.containsKey(event.id()) ? EventView.Status.CORRECTED : EventView.Status.ACTIVE,
                corrections.getOrDefault(event.id(), List.of()), retractions.get(event.id()))).toList();
    }

    private static EventView view(StoredEvent event, ObjectMapper mapper, EventView.Status status, List<UUID> correctedBy,
            UUID retractedBy) {
        return new EventView(event.id(), event.pathwayId(), event.type().typeName(), event.occurredOn(), event.recordedAt(),
                new EventView.RecordedBy(event.recorderKind().name(), event.recorderId()), event.targetEventId(),
                MissionLocaleVisibility.data(event, mapper), status, correctedBy, retractedBy);
    }
}
