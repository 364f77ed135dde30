package fr.passerelle.sharing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.pathway.EventType;
import fr.passerelle.pathway.EventView;
import fr.passerelle.pathway.PathwayState;
import fr.passerelle.pathway.PathwaysChanged;
import fr.passerelle.pathway.StoredEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes the change feed in the transaction of the events it announces: each event goes to the
 * département that owns the pathway and to each Mission Locale it is shared with and may see it
 * (projected to what that Mission Locale may see); a Mission Locale also gets a notice when its
 * share starts or ends.
 */
@ApplicationScoped
public class FeedWriter {

    private final FeedEntryRepository feed;
    private final ObjectMapper mapper;
    private final Clock clock;

    public FeedWriter(FeedEntryRepository feed, ObjectMapper mapper, Clock clock) {
        this.feed = feed;
        this.mapper = mapper;
        this.clock = clock;
    }

    void onChange(@Observes @Priority(Interceptor.Priority.APPLICATION) PathwaysChanged changed) {
        Instant now = clock.instant();
        List<FeedEntryRepository.NewEntry> entries = new ArrayList<>();
        for (PathwaysChanged.Change change : changed.changes()) {
            entries.addAll(entries(change, now));
        }
        feed.insert(entries, now);
    }

    private List<FeedEntryRepository.NewEntry> entries(PathwaysChanged.Change change, Instant now) {
        UUID pathwayId = change.pathwayId();
        PathwayState after = change.after().state();
        String owner = after.departementCode();
        String formerOwner = change.before() == null ? owner : change.before().departementCode();
        Map<UUID, StoredEvent> byId = change.after().events().stream().collect(Collectors.toMap(StoredEvent::id, Function.identity()));
        Map<UUID, PathwayState.ShareStatus> before = new HashMap<>();
        if (change.before() != null) {
            change.before().missionLocales().forEach(link -> before.put(link.missionLocaleId(), link.share()));
        }
        List<UUID> sharedWith = after.missionLocales().stream()
                .filter(link -> link.share() == PathwayState.ShareStatus.ACTIVE)
                .map(PathwayState.MissionLocaleLink::missionLocaleId).toList();
        // A Mission Locale learns that its share started before the events it may now see, and that it ended after them.
        List<FeedEntryRepository.NewEntry> entries = new ArrayList<>(notices(after, before, pathwayId, now, true));
        for (StoredEvent event : change.recorded()) {
            String full = payload(FeedEntry.Kind.EVENT, pathwayId, now, SharedEvents.full(event, mapper), null);
            entries.add(new FeedEntryRepository.NewEntry(owner, FeedEntry.Kind.EVENT.name(), pathwayId, full));
            if (event.type() == EventType.PATHWAY_TRANSFERRED && !formerOwner.equals(owner)) {
                entries.add(new FeedEntryRepository.NewEntry(formerOwner, FeedEntry.Kind.EVENT.name(), pathwayId, full));
            }
            for (UUID missionLocale : sharedWith) {
                if (MissionLocaleVisibility.sees(event, missionLocale, byId)) {
                    entries.add(new FeedEntryRepository.NewEntry(missionLocale.toString(), FeedEntry.Kind.EVENT.name(), pathwayId,
                            payload(FeedEntry.Kind.EVENT, pathwayId, now, SharedEvents.view(event, mapper), null)));
                }
            }
        }
        entries.addAll(notices(after, before, pathwayId, now, false));
        return entries;
    }

    /** SHARE_STARTED (or SHARE_ENDED) notices for the Missions Locales whose share this change started (or ended). */
    private List<FeedEntryRepository.NewEntry> notices(PathwayState after, Map<UUID, PathwayState.ShareStatus> before, UUID pathwayId,
            Instant now, boolean started) {
        List<FeedEntryRepository.NewEntry> notices = new ArrayList<>();
        for (PathwayState.MissionLocaleLink link : after.missionLocales()) {
            boolean wasActive = before.get(link.missionLocaleId()) == PathwayState.ShareStatus.ACTIVE;
            boolean isActive = link.share() == PathwayState.ShareStatus.ACTIVE;
            if (wasActive != isActive && isActive == started) {
                FeedEntry.Kind kind = started ? FeedEntry.Kind.SHARE_STARTED : FeedEntry.Kind.SHARE_ENDED;
                notices.add(new FeedEntryRepository.NewEntry(link.missionLocaleId().toString(), kind.name(), pathwayId,
                        payload(kind, pathwayId, now, null,
                                new FeedEntry.ShareNotice(link.share(), link.solicitedOn(), link.shareEndedOn()))));
            }
        }
        return notices;
    }

    /** The entry as JSON, without its cursor, which the database assigns. */
    private String payload(FeedEntry.Kind kind, UUID pathwayId, Instant recordedAt, EventView event, FeedEntry.ShareNotice share) {
        try {
            String json = mapper.writeValueAsString(new FeedEntry("", kind, pathwayId, recordedAt, event, share));
            return "{" + json.substring(json.indexOf(',') + 1);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
