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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

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
        Map<UUID, PathwayState.MissionLocaleLink> before = new LinkedHashMap<>();
        if (change.before() != null) {
            change.before().missionLocales().forEach(link -> before.put(link.missionLocaleId(), link));
        }
        List<UUID> sharedWith = after.missionLocales().stream()
                .filter(link -> link.share() == PathwayState.ShareStatus.ACTIVE)
                .map(PathwayState.MissionLocaleLink::missionLocaleId).toList();
        // A Mission Locale learns that its share started before the events it may now see, and that it ended after them.
        List<FeedEntryRepository.NewEntry> entries = new ArrayList<>(notices(after, before, pathwayId, now, true));
        for (StoredEvent event : change.recorded()) {
            // Each payload is rendered once, whatever the number of readers: the Missions Locales' view is the
            // full one unless the event's data is cut for them.
            String full = payload(FeedEntry.Kind.EVENT, pathwayId, now, SharedEvents.full(event, mapper), null);
            String shared = null;
            entries.add(new FeedEntryRepository.NewEntry(owner, FeedEntry.Kind.EVENT.name(), pathwayId, full));
            if (event.type() == EventType.PATHWAY_TRANSFERRED && !formerOwner.equals(owner)) {
                entries.add(new FeedEntryRepository.NewEntry(formerOwner, FeedEntry.Kind.EVENT.name(), pathwayId, full));
            }
            for (UUID missionLocale : sharedWith) {
                if (MissionLocaleVisibility.sees(event, missionLocale, byId)) {
                    if (shared == null) {
                        shared = MissionLocaleVisibility.cutsData(event)
                                ? payload(FeedEntry.Kind.EVENT, pathwayId, now, SharedEvents.view(event, mapper), null) : full;
                    }
                    entries.add(new FeedEntryRepository.NewEntry(missionLocale.toString(), FeedEntry.Kind.EVENT.name(), pathwayId, shared));
                }
            }
        }
        entries.addAll(notices(after, before, pathwayId, now, false));
        return entries;
    }

    /** SHARE_STARTED (or SHARE_ENDED) notices for the Missions Locales whose share this change started (or ended). */
    private List<FeedEntryRepository.NewEntry> notices(PathwayState after, Map<UUID, PathwayState.MissionLocaleLink> before,
            UUID pathwayId, Instant now, boolean started) {
        List<FeedEntryRepository.NewEntry> notices = new ArrayList<>();
        Set<UUID> linked = new HashSet<>();
        for (PathwayState.MissionLocaleLink link : after.missionLocales()) {
            linked.add(link.missionLocaleId());
            PathwayState.MissionLocaleLink previous = before.get(link.missionLocaleId());
            boolean wasActive = previous != null && previous.share() == PathwayState.ShareStatus.ACTIVE;
            boolean isActive = link.share() == PathwayState.ShareStatus.ACTIVE;
            if (wasActive != isActive && isActive == started) {
                notices.add(notice(link.missionLocaleId(), pathwayId, now,
                        new FeedEntry.ShareNotice(link.share(), link.solicitedOn(), link.shareEndedOn())));
            }
        }
        if (!started) {
            // A Mission Locale whose solicitation was retracted, or corrected to name another, is no longer linked at all.
            for (PathwayState.MissionLocaleLink gone : before.values()) {
                if (gone.share() == PathwayState.ShareStatus.ACTIVE && !linked.contains(gone.missionLocaleId())) {
                    notices.add(notice(gone.missionLocaleId(), pathwayId, now, new FeedEntry.ShareNotice(PathwayState.ShareStatus.ENDED,
                            gone.solicitedOn(), LocalDate.ofInstant(now, PARIS))));
                }
            }
        }
        return notices;
    }

    private FeedEntryRepository.NewEntry notice(UUID missionLocale, UUID pathwayId, Instant now, FeedEntry.ShareNotice share) {
        FeedEntry.Kind kind = share.status() == PathwayState.ShareStatus.ACTIVE ? FeedEntry.Kind.SHARE_STARTED : FeedEntry.Kind.SHARE_ENDED;
        return new FeedEntryRepository.NewEntry(missionLocale.toString(), kind.name(), pathwayId, payload(kind, pathwayId, now, null, share));
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
