package fr.passerelle.pathway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.audit.AuditService;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.OrganisationKind;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.web.Page;
import fr.passerelle.platform.web.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Reads pathways: one pathway's state, its timeline, and a département's lists. */
@ApplicationScoped
public class PathwayQueryService {

    /** Steps a département looks for when they are still missing. */
    @Schema(name = "PathwayStep", description = "A step a département follows in its list of pathways")
    public enum Step {
        SOLICITATION("solicitedOn"),
        FIRST_CONTACT("firstContactOn"),
        REGISTRATION("registeredOn"),
        JOINT_REVIEW("jointReviewOn"),
        ORIENTATION_DIAGNOSTIC("diagnosticOn"),
        AUTONOMY_PROJECT("autonomyProjectOn"),
        CEJ_PROPOSAL("cejProposedOn");

        private final String column;

        Step(String column) {
            this.column = column;
        }
    }

    /** Filters of a département's list; null means no filter. */
    public record Filter(PathwayState.AseStatus aseStatus, PathwayState.CejStatus cejStatus,
            PathwayState.ConsentStatus consentStatus, Integer minAge, Integer maxAge, List<Step> missing, String caseReference,
            String name) {
    }

    private final EntityManager entityManager;
    private final PathwayRepository pathways;
    private final PathwayIdentityRepository identities;
    private final PathwayEventRepository events;
    private final EventCodec codec;
    private final AuditService audit;
    private final ObjectMapper mapper;
    private final Clock clock;

    public PathwayQueryService(EntityManager entityManager, PathwayRepository pathways, PathwayIdentityRepository identities,
            PathwayEventRepository events, EventCodec codec, AuditService audit, ObjectMapper mapper, Clock clock) {
        this.audit = audit;
        this.entityManager = entityManager;
        this.pathways = pathways;
        this.identities = identities;
        this.events = events;
        this.codec = codec;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional
    public Versioned<PathwayView> get(Caller caller, UUID id) {
        Pathway pathway = readable(caller, id);
        audit.record(caller, AuditService.Operation.READ, List.of(id));
        return new Versioned<>(view(pathway), pathway.version);
    }

    /** The pathway as a write just left it, for that write's answer: the write's own audit record covers this read. */
    @Transactional(Transactional.TxType.MANDATORY)
    Versioned<PathwayView> afterWrite(Caller caller, UUID id) {
        Pathway pathway = readable(caller, id);
        return new Versioned<>(view(pathway), pathway.version);
    }

    /** The pathway's version, for If-Match checks before a write. */
    @Transactional
    public long version(Caller caller, UUID id) {
        return readable(caller, id).version;
    }

    /** A page of the pathway's timeline, in the order the events happened. */
    @Transactional
    public Page<EventView> timeline(Caller caller, UUID id, String cursor, int limit) {
        readable(caller, id);
        audit.record(caller, AuditService.Operation.READ, List.of(id));
        List<PathwayEvent> rows = rows(id);
        return TimelineCursor.page(rows, cursor, limit, row -> row.occurredOn, row -> row.seq, viewer(rows));
    }

    private List<PathwayEvent> rows(UUID id) {
        return events.list("pathwayId = ?1 order by occurredOn, seq", id);
    }

    private List<EventView> events(UUID id) {
        List<PathwayEvent> rows = rows(id);
        return rows.stream().map(viewer(rows)).toList();
    }

    /** Renders the events of a pathway, each with its status, knowing all of them. */
    private Function<PathwayEvent, EventView> viewer(List<PathwayEvent> rows) {
        Map<UUID, List<UUID>> corrections = new HashMap<>();
        Map<UUID, UUID> retractions = new HashMap<>();
        Map<UUID, String> types = new HashMap<>();
        for (PathwayEvent row : rows) {
            types.put(row.id, row.type);
            if (EventType.EVENT_CORRECTED.typeName().equals(row.type)) {
                corrections.computeIfAbsent(row.targetEventId, target -> new ArrayList<>()).add(row.id);
            } else if (EventType.EVENT_RETRACTED.typeName().equals(row.type)) {
                retractions.put(row.targetEventId, row.id);
            }
        }
        return row -> {
            EventView.Status status = retractions.containsKey(row.id) ? EventView.Status.RETRACTED
                    : corrections.containsKey(row.id) ? EventView.Status.CORRECTED : EventView.Status.ACTIVE;
            JsonNode data = json(row.data);
            if (EventType.EVENT_CORRECTED.typeName().equals(row.type)) {
                data = EventView.correctionData(row.targetEventId, EventType.byName(types.get(row.targetEventId)).orElseThrow(), data);
            }
            return new EventView(row.id, row.pathwayId, row.type, row.occurredOn, row.recordedAt,
                    new EventView.RecordedBy(OrganisationKind.valueOf(row.recorderKind), row.recorderId), row.targetEventId, data,
                    status, corrections.getOrDefault(row.id, List.of()), retractions.get(row.id));
        };
    }

    @Transactional
    public EventView event(Caller caller, UUID pathwayId, UUID eventId) {
        readable(caller, pathwayId);
        audit.record(caller, AuditService.Operation.READ, List.of(pathwayId));
        return events(pathwayId).stream().filter(event -> event.id().equals(eventId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("No event " + eventId + " in pathway " + pathwayId + "."));
    }

    /** The type of an event of the pathway, for the answer of a write that just named it. */
    @Transactional(Transactional.TxType.MANDATORY)
    EventType typeOf(UUID eventId) {
        return EventType.byName(events.findById(eventId).type).orElseThrow();
    }

    /**
     * The histories of the given pathways, for features that derive figures from them (no access
     * check: for internal use, never to be returned to a caller as such).
     */
    @Transactional
    public Map<UUID, PathwayHistory> histories(Collection<UUID> ids) {
        Map<UUID, List<PathwayEventRepository.Row>> rows = events.byPathways(ids);
        Map<UUID, PathwayHistory> histories = new HashMap<>();
        for (PathwayHead head : pathways.heads(ids)) {
            histories.put(head.id(), PathwayHistory.of(head.id(), head.birthDate(), codec.decode(rows.getOrDefault(head.id(), List.of()))));
        }
        return histories;
    }

    /** Pathway ids after the given one (null: from the start), in id order, for full recomputations. */
    @Transactional
    public List<UUID> pathwayIds(UUID after, int limit) {
        return after == null
                ? entityManager.createQuery("select p.id from Pathway p order by p.id", UUID.class).setMaxResults(limit).getResultList()
                : entityManager.createQuery("select p.id from Pathway p where p.id > :after order by p.id", UUID.class)
                        .setParameter("after", after).setMaxResults(limit).getResultList();
    }

    /** A département's own pathways, youngest birth dates last, with the filters given. */
    @Transactional
    public Page<PathwaySummary> list(Caller caller, Filter filter, String cursor, int limit) {
        if (!caller.is(Role.DEPARTEMENT)) {
            throw ApiException.forbidden("Only a département lists its pathways.");
        }
        LocalDate today = today();
        StringBuilder jpql = new StringBuilder("select p, i from Pathway p, PathwayIdentity i where i.pathwayId = p.id "
                + "and p.departementCode = :departement");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("departement", caller.organisationId());
        if (filter.aseStatus() != null) {
            jpql.append(" and p.aseStatus = :ase");
            parameters.put("ase", filter.aseStatus().name());
        }
        if (filter.cejStatus() != null) {
            jpql.append(" and p.cejStatus = :cej");
            parameters.put("cej", filter.cejStatus().name());
        }
        if (filter.consentStatus() != null) {
            jpql.append(" and p.consentStatus = :consent");
            parameters.put("consent", filter.consentStatus().name());
        }
        if (filter.minAge() != null) {
            jpql.append(" and p.birthDate <= :bornBy");
            parameters.put("bornBy", today.minusYears(filter.minAge()));
        }
        if (filter.maxAge() != null) {
            jpql.append(" and p.birthDate > :bornAfter");
            parameters.put("bornAfter", today.minusYears(filter.maxAge() + 1L));
        }
        for (Step step : filter.missing()) {
            jpql.append(" and p.").append(step.column).append(" is null");
        }
        if (filter.caseReference() != null) {
            jpql.append(" and p.caseReference = :caseReference");
            parameters.put("caseReference", filter.caseReference());
        }
        if (filter.name() != null && !MatchKey.normalise(filter.name()).isEmpty()) {
            jpql.append(" and i.matchKey like :name");
            parameters.put("name", MatchKey.normalise(filter.name()) + "%");
        }
        if (cursor != null) {
            List<String> keys = Cursor.decode(cursor, 2);
            jpql.append(" and (p.birthDate > :afterBirth or (p.birthDate = :afterBirth and p.id > :afterId))");
            parameters.put("afterBirth", LocalDate.parse(keys.get(0)));
            parameters.put("afterId", UUID.fromString(keys.get(1)));
        }
        jpql.append(" order by p.birthDate, p.id");
        TypedQuery<Object[]> query = entityManager.createQuery(jpql.toString(), Object[].class).setMaxResults(limit + 1);
        parameters.forEach(query::setParameter);
        Page<PathwaySummary> page = Page.of(query.getResultList(), limit,
                row -> summary((Pathway) row[0], (PathwayIdentity) row[1], today),
                row -> Cursor.encode(((Pathway) row[0]).birthDate.toString(), ((Pathway) row[0]).id.toString()));
        audit.record(caller, AuditService.Operation.SEARCH, page.items().stream().map(PathwaySummary::id).toList());
        return page;
    }

    /**
     * The pathway if the caller owns it. Anything else answers 404, so that pathway ids cannot be
     * probed; Missions Locales read their own view of shared pathways elsewhere.
     */
    private Pathway readable(Caller caller, UUID id) {
        return pathways.findByIdOptional(id)
                .filter(pathway -> caller.is(Role.DEPARTEMENT) && caller.organisationId().equals(pathway.departementCode))
                .orElseThrow(() -> ApiException.notFound("No pathway " + id + " that this caller may read."));
    }

    /** Identity of the given young people, for the views other features build (no access check). */
    @Transactional
    public Map<UUID, PathwayView.YoungPersonView> identities(Collection<UUID> ids) {
        Map<UUID, PathwayView.YoungPersonView> people = new HashMap<>();
        if (!ids.isEmpty()) {
            for (PathwayIdentity identity : identities.list("pathwayId in ?1", ids)) {
                people.put(identity.pathwayId, person(identity));
            }
        }
        return people;
    }

    private PathwayView view(Pathway pathway) {
        PathwayIdentity identity = identities.findById(pathway.id);
        return new PathwayView(pathway.id, pathway.departementCode, pathway.caseReference, identity == null ? null : person(identity),
                AgeRules.ageOn(pathway.birthDate, today()), pathway.version, state(pathway), pathway.erasedAt);
    }

    /**
     * Everything held about one young person, for an access request (art. 15 GDPR): identity,
     * state, every event, and who accessed the data. The export is itself recorded.
     */
    @Transactional
    public PersonalDataExport export(Caller caller, UUID id) {
        Pathway pathway = readable(caller, id);
        List<EventView> timeline = events(id);
        PersonalDataExport export = new PersonalDataExport(Instant.now(clock), view(pathway), timeline,
                audit.accessesTo(id));
        audit.record(caller, AuditService.Operation.EXPORT, List.of(id));
        return export;
    }

    private static PathwayView.YoungPersonView person(PathwayIdentity identity) {
        return new PathwayView.YoungPersonView(identity.firstName, identity.lastName, identity.birthDate, identity.email, identity.phone);
    }

    private PathwaySummary summary(Pathway pathway, PathwayIdentity identity, LocalDate today) {
        return new PathwaySummary(pathway.id, pathway.caseReference, identity.firstName, identity.lastName, identity.birthDate,
                AgeRules.ageOn(pathway.birthDate, today), PathwayState.AseStatus.valueOf(pathway.aseStatus),
                PathwayState.CejStatus.valueOf(pathway.cejStatus), PathwayState.ConsentStatus.valueOf(pathway.consentStatus),
                pathway.solicitedOn, pathway.firstContactOn, pathway.registeredOn, pathway.jointReviewOn, pathway.diagnosticOn,
                pathway.autonomyProjectOn, pathway.cejProposedOn);
    }

    private PathwayState state(Pathway pathway) {
        try {
            return mapper.readValue(pathway.state, PathwayState.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode json(String value) {
        try {
            return mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(CloudEventReader.PARIS));
    }
}
