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
import java.util.function.Function;

/** Events as a Mission Locale sees them. */
final class SharedEvents {

    private SharedEvents() {
    }

    /** A single event as a Mission Locale sees it in the feed: its status is the one it had when recorded. */
    static EventView view(StoredEvent event, ObjectMapper mapper) {
        return view(event, MissionLocaleVisibility.data(event, mapper), EventView.Status.ACTIVE, List.of(), null);
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
        return view(event, data, EventView.Status.ACTIVE, List.of(), null);
    }

    /** Renders visible events with their current status, knowing all of them. */
    static Function<StoredEvent, EventView> viewer(List<StoredEvent> events, ObjectMapper mapper) {
        Map<UUID, List<UUID>> corrections = new HashMap<>();
        Map<UUID, UUID> retractions = new HashMap<>();
        for (StoredEvent event : events) {
            if (event.type() == EventType.EVENT_CORRECTED) {
                corrections.computeIfAbsent(event.targetEventId(), target -> new ArrayList<>()).add(event.id());
            } else if (event.type() == EventType.EVENT_RETRACTED) {
                retractions.put(event.targetEventId(), event.id());
            }
        }
        return event -> view(event, MissionLocaleVisibility.data(event, mapper),
                retractions.containsKey(event.id()) ? EventView.Status.RETRACTED
                        : corrections.containsKey(event.id()) ? EventView.Status.CORRECTED : EventView.Status.ACTIVE,
                corrections.getOrDefault(event.id(), List.of()), retractions.get(event.id()));
    }

    /** A correction's data names the corrected event and its type, which its data's class tells. */
    private static EventView view(StoredEvent event, JsonNode data, EventView.Status status, List<UUID> correctedBy, UUID retractedBy) {
        JsonNode shown = event.type() == EventType.EVENT_CORRECTED
                ? EventView.correctionData(event.targetEventId(), EventType.ofData(event.data()), data) : data;
        return new EventView(event.id(), event.pathwayId(), event.type().typeName(), event.occurredOn(), event.recordedAt(),
                new EventView.RecordedBy(event.recorderKind(), event.recorderId()), event.targetEventId(), shown, status, correctedBy,
                retractedBy);
    }
}
