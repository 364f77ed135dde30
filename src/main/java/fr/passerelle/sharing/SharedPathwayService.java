package fr.passerelle.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.audit.AuditService;
import fr.passerelle.pathway.EventView;
import fr.passerelle.pathway.TimelineCursor;
import fr.passerelle.pathway.PathwayHistory;
import fr.passerelle.pathway.PathwayQueryService;
import fr.passerelle.pathway.PathwayState;
import fr.passerelle.pathway.PathwayView;
import fr.passerelle.pathway.StoredEvent;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.web.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a Mission Locale reads of the pathways shared with it. */
@ApplicationScoped
public class SharedPathwayService {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** Work queues of a Mission Locale, over its active shares. */
    public enum Queue {
        /** Solicited, no first contact yet. */
        AWAITING_FIRST_CONTACT,
        /** Not registered for follow-up yet. */
        AWAITING_REGISTRATION,
        /** No orientation diagnostic yet. */
        AWAITING_DIAGNOSTIC,
        /** CEJ proposed, the young person's decision pending. */
        CEJ_PENDING,
        /** A binôme review or joint autonomy project to attest. */
        JOINT_STEPS_TO_CONFIRM
    }

    private final PathwayShareRepository shares;
    private final PathwayQueryService pathways;
    private final AuditService audit;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SharedPathwayService(PathwayShareRepository shares, PathwayQueryService pathways, AuditService audit, ObjectMapper mapper,
            Clock clock) {
        this.audit = audit;
        this.shares = shares;
        this.pathways = pathways;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional
    public Page<SharedPathwaySummary> list(Caller caller, PathwayState.ShareStatus status, Queue queue, String reference,
            String cursor, int limit) {
        UUID missionLocale = missionLocale(caller);
        StringBuilder query = new StringBuilder("missionLocaleId = :ml and status = :status");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("ml", missionLocale);
        PathwayState.ShareStatus effective = queue != null ? PathwayState.ShareStatus.ACTIVE
                : status != null ? status : PathwayState.ShareStatus.ACTIVE;
        parameters.put("status", effective.name());
        if (queue != null) {
            query.append(switch (queue) {
                case AWAITING_FIRST_CONTACT -> " and firstContactOn is null";
                case AWAITING_REGISTRATION -> " and registeredOn is null";
                case AWAITING_DIAGNOSTIC -> " and diagnosticOn is null";
                case CEJ_PENDING -> " and cejStatus = 'PROPOSED_PENDING'";
                case JOINT_STEPS_TO_CONFIRM -> " and jointStepsToConfirm > 0";
            });
        }
        if (reference != null) {
            query.append(" and missionLocaleReference = :reference");
            parameters.put("reference", reference);
        }
        if (cursor != null) {
            List<String> keys = Cursor.decode(cursor, 2);
            query.append(" and (solicitedOn > :afterDate or (solicitedOn = :afterDate and pathwayId > :afterId))");
            try {
                parameters.put("afterDate", LocalDate.parse(keys.get(0)));
                parameters.put("afterId", UUID.fromString(keys.get(1)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Cursor.invalid("cursor");
            }
        }
        query.append(" order by solicitedOn, pathwayId");
        List<PathwayShare> rows = shares.find(query.toString(), parameters).range(0, limit).list();
        Map<UUID, PathwayView.YoungPersonView> people = pathways.identities(rows.stream().limit(limit)
                .filter(share -> share.status.equals(PathwayState.ShareStatus.ACTIVE.name())).map(share -> share.pathwayId).toList());
        audit.record(caller, AuditService.Operation.SEARCH, people.keySet());
        return Page.of(rows, limit, share -> summary(share, people.get(share.pathwayId)),
                last -> Cursor.encode(last.solicitedOn.toString(), last.pathwayId.toString()));
    }

    @Transactional
    public SharedPathwayView get(Caller caller, UUID pathwayId) {
        PathwayShare share = share(caller, pathwayId);
        if (!isActive(share)) {
            return new SharedPathwayView(pathwayId, shareView(share), null, null, null, null, null);
        }
        PathwayHistory history = sharedHistory(share);
        audit.record(caller, AuditService.Operation.READ, List.of(pathwayId));
        PathwayState state = history.state();
        PathwayView.YoungPersonView person = pathways.identities(List.of(pathwayId)).get(pathwayId);
        if (state.consent().status() != PathwayState.ConsentStatus.GIVEN) {
            person = new PathwayView.YoungPersonView(person.firstName(), person.lastName(), person.birthDate(), null, null);
        }
        int age = history.ageOn(LocalDate.now(clock.withZone(PARIS)));
        return new SharedPathwayView(pathwayId, shareView(share), state.departementCode(), person, age,
                (long) history.events().size(), MissionLocaleVisibility.state(history, share.missionLocaleId));
    }

    /** A page of the events of an active share that the Mission Locale may see, in the order they happened. */
    @Transactional
    public Page<EventView> timeline(Caller caller, UUID pathwayId, String cursor, int limit) {
        PathwayShare share = share(caller, pathwayId);
        if (!isActive(share)) {
            throw ApiException.notFound("The pathway is no longer shared with this Mission Locale.");
        }
        PathwayHistory history = sharedHistory(share);
        audit.record(caller, AuditService.Operation.READ, List.of(pathwayId));
        Map<UUID, StoredEvent> byId = history.events().stream().collect(Collectors.toMap(StoredEvent::id, Function.identity()));
        List<StoredEvent> visible = history.events().stream()
                .filter(event -> MissionLocaleVisibility.sees(event, share.missionLocaleId, byId))
                .sorted(Comparator.comparing(StoredEvent::occurredOn).thenComparingLong(StoredEvent::seq))
                .toList();
        return TimelineCursor.page(visible, cursor, limit, StoredEvent::occurredOn, StoredEvent::seq, SharedEvents.viewer(visible, mapper));
    }

    private PathwayShare share(Caller caller, UUID pathwayId) {
        return shares.findByIdOptional(new PathwayShare.Key(missionLocale(caller), pathwayId))
                .orElseThrow(() -> ApiException.notFound("No pathway " + pathwayId + " shared with this Mission Locale."));
    }

    /** The history of a pathway whose share row is active, provided its state still shares it: the state is the authority. */
    private PathwayHistory sharedHistory(PathwayShare share) {
        PathwayHistory history = pathways.histories(List.of(share.pathwayId)).get(share.pathwayId);
        boolean shared = history.state().missionLocales().stream().anyMatch(link -> link.missionLocaleId().equals(share.missionLocaleId)
                && link.share() == PathwayState.ShareStatus.ACTIVE);
        if (!shared) {
            throw ApiException.notFound("The pathway is no longer shared with this Mission Locale.");
        }
        return history;
    }

    private static UUID missionLocale(Caller caller) {
        if (!caller.is(Role.MISSION_LOCALE)) {
            throw ApiException.forbidden("Only a Mission Locale reads the pathways shared with it.");
        }
        return UUID.fromString(caller.organisationId());
    }

    private static boolean isActive(PathwayShare share) {
        return share.status.equals(PathwayState.ShareStatus.ACTIVE.name());
    }

    private static SharedPathwayView.Share shareView(PathwayShare share) {
        boolean active = isActive(share);
        return new SharedPathwayView.Share(PathwayState.ShareStatus.valueOf(share.status), share.solicitedOn, share.endedOn,
                active ? share.firstContactOn : null, active ? share.registeredOn : null,
                active ? share.missionLocaleReference : null, active ? share.jointStepsToConfirm : 0);
    }

    private static SharedPathwaySummary summary(PathwayShare share, PathwayView.YoungPersonView person) {
        boolean active = isActive(share) && person != null;
        return new SharedPathwaySummary(share.pathwayId, shareView(share), active ? person.firstName() : null,
                active ? person.lastName() : null, active ? person.birthDate() : null, active ? share.diagnosticOn : null,
                active ? PathwayState.CejStatus.valueOf(share.cejStatus) : null);
    }
}
