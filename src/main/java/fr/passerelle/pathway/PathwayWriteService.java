package fr.passerelle.pathway;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.audit.AuditService;
import fr.passerelle.partner.DepartementService;
import fr.passerelle.partner.MissionLocaleService;
import fr.passerelle.platform.database.DeferredWrites;
import fr.passerelle.platform.database.TimeOrderedIds;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.OrganisationKind;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.ETags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.MDC;

/**
 * The one write path of pathways. Every change, whether pushed as CloudEvents or made through an
 * interactive resource, is an event recorded here: the batch is checked event by event, the
 * accepted events are stored in one statement, and the state of every pathway they touch is
 * derived again from all of its events, in the same transaction.
 * <p>
 * Pathway rows are locked while a batch touches them, so that two batches about the same young
 * person are applied one after the other and the derived state never misses an event.
 */
@ApplicationScoped
public class PathwayWriteService {

    static final String SYSTEM_SOURCE = "urn:passerelle:pathway-opened";

    private final PathwayRepository pathways;
    private final PathwayEventRepository events;
    private final PathwayIdentityRepository identities;
    private final RejectedEventRepository rejections;
    private final MissionLocaleService missionsLocales;
    private final DepartementService departements;
    private final CloudEventReader reader;
    private final EventCodec codec;
    private final Clock clock;
    private final Event<PathwaysChanged> changed;
    private final AuditService audit;
    private final DeferredWrites deferred;

    public PathwayWriteService(PathwayRepository pathways, PathwayEventRepository events, PathwayIdentityRepository identities,
            RejectedEventRepository rejections, MissionLocaleService missionsLocales, DepartementService departements,
            CloudEventReader reader, EventCodec codec, Clock clock, Event<PathwaysChanged> changed, AuditService audit,
            DeferredWrites deferred) {
        this.audit = audit;
        this.deferred = deferred;
        this.pathways = pathways;
        this.events = events;
        this.identities = identities;
        this.rejections = rejections;
        this.missionsLocales = missionsLocales;
        this.departements = departements;
        this.reader = reader;
        this.codec = codec;
        this.clock = clock;
        this.changed = changed;
    }

    /** The service itself, as the recorder of the events it writes (erasure). */
    static final Caller PLATFORM = new Caller("system", Role.ADMIN, "PLATEFORME");

    /** Records a batch; returns one outcome per submission, in order. Valid events are stored even when others are rejected. */
    @Transactional
    public List<EventOutcome> record(Caller caller, List<EventSubmission> submissions) {
        if (caller.role() != Role.DEPARTEMENT && caller.role() != Role.MISSION_LOCALE) {
            throw ApiException.forbidden("Only départements and Missions Locales record pathway events.");
        }
        return write(caller, submissions);
    }

    /** Records events of the service itself, on any pathway. */
    @Transactional(Transactional.TxType.MANDATORY)
    List<EventOutcome> recordAsPlatform(List<EventSubmission> submissions) {
        return write(PLATFORM, submissions);
    }

    private List<EventOutcome> write(Caller caller, List<EventSubmission> submissions) {
        // Microseconds, as stored: the state is derived from the events in hand, which must equal them as read back.
        Batch batch = new Batch(caller, submissions, clock.instant().truncatedTo(ChronoUnit.MICROS));
        batch.lockAndLoad();
        batch.stage();
        List<UUID> written = batch.store();
        if (caller != PLATFORM) {
            audit.recordWithDeferredWrites(caller, rectifiesIdentity(submissions) ? AuditService.Operation.RECTIFY
                    : AuditService.Operation.WRITE, written);
        }
        // The derived state, feed entries, shares, outbox and audit record, in one round trip; in the transaction still.
        deferred.flush();
        return batch.outcomes();
    }

    /** The state of one batch while it is checked and stored. */
    private final class Batch {
        private final Caller caller;
        private final List<EventSubmission> submissions;
        private final Instant now;
        private final LocalDate today;
        private final EventOutcome[] outcomes;
        private final Map<UUID, Work> works = new LinkedHashMap<>();
        private final Map<String, Work> worksByCaseReference = new HashMap<>();
        private final Map<String, UUID> stagedBySourceKey = new HashMap<>();
        private final Map<String, List<UUID>> pathwaysByMatchKey = new HashMap<>();
        private final Map<UUID, YoungPerson> rectifications = new LinkedHashMap<>();
        private final List<Staged> staged = new ArrayList<>();
        private final List<NewPathway> newPathways = new ArrayList<>();
        private final List<RejectedEventRepository.Rejection> rejected = new ArrayList<>();
        private Map<String, PathwayEventRepository.Known> known = Map.of();
        private Set<UUID> activeMissionsLocales = Set.of();

        Batch(Caller caller, List<EventSubmission> submissions, Instant now) {
            this.caller = caller;
            this.submissions = submissions;
            this.now = now;
            this.today = LocalDate.ofInstant(now, CloudEventReader.PARIS);
            this.outcomes = new EventOutcome[submissions.size()];
        }

        /**
         * Locks the names the batch uses (case references, identities) and the pathways it names,
         * then reads what the checks need, in a handful of queries: whatever a concurrent batch about
         * the same young people stored is committed and seen by then.
         */
        void lockAndLoad() {
            Set<UUID> ids = new HashSet<>();
            Set<String> caseReferences = new HashSet<>();
            Set<UUID> missionLocaleIds = new HashSet<>();
            Set<String> matchKeys = new HashSet<>();
            List<String> sources = new ArrayList<>();
            List<String> sourceIds = new ArrayList<>();
            for (EventSubmission submission : submissions) {
                if (!(submission instanceof EventSubmission.Readable readable)) {
                    continue;
                }
                sources.add(readable.source());
                sourceIds.add(readable.sourceId());
                if (readable.pathway().pathwayId() != null) {
                    ids.add(readable.pathway().pathwayId());
                } else if (caller.is(Role.DEPARTEMENT)) {
                    caseReferences.add(readable.pathway().caseReference());
                }
                missionLocaleIds.addAll(namedMissionsLocales(readable.data()));
                missionLocaleIds.addAll(namedInCorrection(readable.correctionData()));
                if (readable.youngPerson() != null) {
                    YoungPerson person = readable.youngPerson();
                    matchKeys.add(MatchKey.of(person.firstName(), person.lastName(), person.birthDate()));
                }
            }
            if (caller.is(Role.DEPARTEMENT)) {
                identities.lockNames(caller.organisationId(), caseReferences, matchKeys);
            }
            List<PathwayHead> heads = pathways.lockHeads(ids, caller.is(Role.DEPARTEMENT) ? caller.organisationId() : null,
                    caseReferences);
            PathwayEventRepository.Loaded loaded = events.load(heads.stream().map(PathwayHead::id).toList(), caller.organisationId(),
                    sources, sourceIds);
            Map<UUID, List<PathwayEventRepository.Row>> rows = loaded.events();
            for (PathwayHead head : heads) {
                Work work = new Work(head, codec.decode(rows.getOrDefault(head.id(), List.of())), false);
                works.put(head.id(), work);
                if (head.caseReference() != null && head.departementCode().equals(caller.organisationId())) {
                    worksByCaseReference.put(head.caseReference(), work);
                }
            }
            known = loaded.known();
            activeMissionsLocales = missionsLocales.activeAmong(missionLocaleIds);
            if (caller.is(Role.DEPARTEMENT)) {
                pathwaysByMatchKey.putAll(identities.pathwaysByMatchKey(caller.organisationId(), matchKeys));
            }
        }

        void stage() {
            for (int i = 0; i < submissions.size(); i++) {
                EventSubmission submission = submissions.get(i);
                if (submission instanceof EventSubmission.Unreadable unreadable) {
                    reject(i, submission, unreadable.type(), unreadable.problem());
                    continue;
                }
                EventSubmission.Readable readable = (EventSubmission.Readable) submission;
                String key = PathwayEventRepository.key(readable.source(), readable.sourceId());
                PathwayEventRepository.Known stored = known.get(key);
                if (stored != null) {
                    outcomes[i] = EventOutcome.duplicate(stored.eventId(), stored.pathwayId());
                    continue;
                }
                UUID stagedId = stagedBySourceKey.get(key);
                if (stagedId != null) {
                    outcomes[i] = EventOutcome.duplicate(stagedId, stagedPathway(stagedId));
                    continue;
                }
                try {
                    outcomes[i] = check(i, readable);
                    if (outcomes[i].status() == EventOutcome.Status.ACCEPTED) {
                        stagedBySourceKey.put(key, outcomes[i].eventId());
                    }
                } catch (ApiException e) {
                    reject(i, submission, readable.type().cloudEventType(), e);
                }
            }
        }

        /**
         * Checks one event against the pathway as it stands with the events staged before it, and
         * stages it; or answers DUPLICATE with the event that already holds what it states (see
         * {@link HeldSteps}). That is known before the If-Match check: a change already applied,
         * typically a retry whose first answer was lost, is a success, not a conflict.
         */
        private EventOutcome check(int index, EventSubmission.Readable submission) {
            EventType type = submission.type();
            if (!type.recorder().allows(caller.role())) {
                throw ApiException.forbidden("Only " + (type.recorder() == Recorder.DEPARTEMENT ? "a département" : "a Mission Locale")
                        + " may record " + type.typeName() + ".");
            }
            Work work = resolve(submission);
            PathwayState state = work.state();
            authorize(work, state);
            // Whatever came after the erasure would hold personal data again, out of reach of any erasure.
            if (work.head.erased() && type != EventType.PATHWAY_ERASED) {
                throw new ApiException(ProblemType.GONE, "This pathway's personal data was erased; it takes no more events.");
            }
            Optional<EventOutcome> held = held(work, submission);
            if (held.isPresent()) {
                return held.get();
            }
            if (submission.expectedVersion() != null && submission.expectedVersion() != work.events.size()) {
                throw new ApiException(ProblemType.PRECONDITION_FAILED, "The pathway changed since it was read: its ETag is now "
                        + ETags.of(work.events.size()) + ".");
            }
            EventData.Payload data = submission.data();
            EventType dated = type;
            String dataPointer = "/data";
            if (type == EventType.EVENT_CORRECTED) {
                StoredEvent target = ownTarget(work, submission.targetEventId(), "/data/eventId");
                dated = target.type();
                // A CloudEvent nests the corrected data in {eventId, targetType, data}, read by its targetType; the
                // interactive body holds it in data, read by the target's type.
                dataPointer = submission.occurredAt() != null ? "/data/data" : "/data";
                if (data == null) {
                    data = reader.parse(submission.correctionData(), target.type().dataClass(), dataPointer);
                } else if (EventType.ofData(data) != target.type()) {
                    throw ApiException.invalid("/data/targetType", "the event " + target.id() + " is a " + target.type().typeName());
                }
            } else if (type == EventType.EVENT_RETRACTED) {
                ownTarget(work, submission.targetEventId(), "/data/eventId");
            }
            if (type == EventType.IDENTITY_RECTIFIED) {
                data = rectify(work, submission.youngPerson());
            }
            checkRules(dated, data, state, dataPointer);
            Optional<String> dateRefusal = AgeRules.dateRefusal(dated, caller.is(Role.DEPARTEMENT), work.birthDate,
                    submission.occurredOn(), today);
            if (dateRefusal.isPresent()) {
                throw ApiException.invalid(submission.occurredAt() != null ? "/time" : "/occurredOn", dateRefusal.get());
            }
            StoredEvent event = new StoredEvent(TimeOrderedIds.next(), work.nextSeq(), work.head.id(), type, submission.occurredOn(),
                    now, caller.role().organisationKind(), caller.organisationId(), submission.targetEventId(), data);
            Staged result = new Staged(index, event, submission.occurredAt(), submission.source(), submission.sourceId());
            work.append(event);
            staged.add(result);
            return EventOutcome.accepted(event.id(), event.pathwayId());
        }

        /** The outcome of a statement the pathway already holds from this caller; an identity rectified to itself holds no event. */
        private Optional<EventOutcome> held(Work work, EventSubmission.Readable submission) {
            Optional<UUID> holder;
            if (submission.type() == EventType.IDENTITY_RECTIFIED) {
                holder = changedFields(work, submission.youngPerson()).isEmpty() ? Optional.of(work.head.id()) : Optional.empty();
            } else {
                holder = HeldSteps.find(work.events, submission.type(), submission.occurredOn(), submission.data(),
                        caller.role().organisationKind(), caller.organisationId()).map(StoredEvent::id);
            }
            return holder.map(id -> EventOutcome.duplicate(submission.type() == EventType.IDENTITY_RECTIFIED ? null : id, work.head.id())
                    .withVersion((long) work.events.size()));
        }

        /** Finds the pathway an event names, registering the young person when a département's event carries them. */
        private Work resolve(EventSubmission.Readable submission) {
            UUID id = submission.pathway().pathwayId();
            if (id != null) {
                Work work = works.get(id);
                if (work == null) {
                    throw ApiException.notFound("No pathway " + id + " that this caller may write to.");
                }
                return work;
            }
            String caseReference = submission.pathway().caseReference();
            if (!caller.is(Role.DEPARTEMENT)) {
                throw ApiException.invalid("/casereference", "only a département names a young person by its case reference");
            }
            Work work = worksByCaseReference.get(caseReference);
            if (work != null && submission.registration()) {
                throw ApiException.conflict("Case reference " + caseReference + " is already registered as pathway " + work.head.id() + ".");
            }
            if (work != null) {
                return work;
            }
            if (submission.youngPerson() == null) {
                throw ApiException.notFound("Unknown case reference " + caseReference + ": the first event about a young person "
                        + "must be " + EventType.ASE_SUPPORT_STARTED.cloudEventType() + " carrying data.youngPerson.");
            }
            return register(caseReference, submission);
        }

        private Work register(String caseReference, EventSubmission.Readable submission) {
            YoungPerson person = submission.youngPerson();
            AgeRules.registrationRefusal(person.birthDate(), today).ifPresent(reason -> {
                throw ApiException.invalid(submission.occurredAt() != null ? "/data/youngPerson/birthDate" : "/youngPerson/birthDate", reason);
            });
            String matchKey = MatchKey.of(person.firstName(), person.lastName(), person.birthDate());
            for (UUID existing : pathwaysByMatchKey.getOrDefault(matchKey, List.of())) {
                if (!existing.equals(person.acknowledgedDuplicateOf())) {
                    throw ApiException.likelyDuplicate(existing, "A young person with the same names and birth date is already "
                            + "registered under pathway " + existing + " (another case reference). Use that pathway, or register "
                            + "anyway with acknowledgedDuplicateOf set to its id.");
                }
            }
            PathwayHead head = new PathwayHead(TimeOrderedIds.next(), caller.organisationId(), caseReference, person.birthDate(), false);
            Work work = new Work(head, new ArrayList<>(), true);
            works.put(head.id(), work);
            worksByCaseReference.put(caseReference, work);
            pathwaysByMatchKey.computeIfAbsent(matchKey, key -> new ArrayList<>()).add(head.id());
            newPathways.add(new NewPathway(head, person, matchKey));
            StoredEvent opened = new StoredEvent(TimeOrderedIds.next(), work.nextSeq(), head.id(), EventType.PATHWAY_OPENED, today, now,
                    OrganisationKind.DEPARTEMENT, caller.organisationId(), null, new EventData.PathwayOpened());
            work.append(opened);
            staged.add(new Staged(-1, opened, null, SYSTEM_SOURCE, head.id().toString()));
            return work;
        }

        /**
         * Stages a rectification of identity and returns the event's data: which fields changed.
         * The values stay out of the event; a likely duplicate is refused as at registration.
         */
        private EventData.Payload rectify(Work work, YoungPerson person) {
            List<EventData.IdentityField> fields = changedFields(work, person);
            String matchKey = MatchKey.of(person.firstName(), person.lastName(), person.birthDate());
            for (UUID other : identities.pathwaysByMatchKey(work.head.departementCode(), List.of(matchKey)).getOrDefault(matchKey, List.of())) {
                if (!other.equals(work.head.id()) && !other.equals(person.acknowledgedDuplicateOf())) {
                    throw ApiException.likelyDuplicate(other, "Another pathway has these names and birth date: " + other
                            + ". Rectify anyway with acknowledgedDuplicateOf set to its id.");
                }
            }
            rectifications.put(work.head.id(), person);
            work.birthDate = person.birthDate();
            return new EventData.IdentityRectified(fields);
        }

        /** The fields of the identity held (or staged) that differ from the one sent. */
        private List<EventData.IdentityField> changedFields(Work work, YoungPerson person) {
            YoungPerson current = rectifications.containsKey(work.head.id()) ? rectifications.get(work.head.id())
                    : identities.findByIdOptional(work.head.id()).map(PathwayWriteService::person)
                            .orElseThrow(() -> ApiException.conflict("The young person's personal data was erased."));
            List<EventData.IdentityField> fields = new ArrayList<>();
            if (!person.firstName().trim().equals(current.firstName())) {
                fields.add(EventData.IdentityField.FIRST_NAME);
            }
            if (!person.lastName().trim().equals(current.lastName())) {
                fields.add(EventData.IdentityField.LAST_NAME);
            }
            if (!person.birthDate().equals(current.birthDate())) {
                fields.add(EventData.IdentityField.BIRTH_DATE);
            }
            if (!Objects.equals(person.email(), current.email())) {
                fields.add(EventData.IdentityField.EMAIL);
            }
            if (!Objects.equals(person.phone(), current.phone())) {
                fields.add(EventData.IdentityField.PHONE);
            }
            return fields;
        }

        /**
         * A département writes to the pathways it owns; a Mission Locale to those shared with it; the
         * platform itself (erasure) to any. Others do not exist for them.
         */
        private void authorize(Work work, PathwayState state) {
            boolean allowed = caller.is(Role.ADMIN) || (caller.is(Role.DEPARTEMENT)
                    ? caller.organisationId().equals(state.departementCode())
                    : state.missionLocales().stream().anyMatch(link -> link.missionLocaleId().toString().equals(caller.organisationId())
                            && link.share() == PathwayState.ShareStatus.ACTIVE));
            if (!allowed) {
                throw ApiException.notFound("No pathway " + work.head.id() + " that this caller may write to.");
            }
        }

        private StoredEvent ownTarget(Work work, UUID targetId, String pointer) {
            StoredEvent target = work.events.stream().filter(event -> event.id().equals(targetId)).findFirst()
                    .orElseThrow(() -> ApiException.invalid(pointer, "no event " + targetId + " in this pathway"));
            if (!target.recordedBy(caller.role().organisationKind(), caller.organisationId())) {
                throw ApiException.forbidden("Only the organisation that recorded an event may correct or retract it.");
            }
            if (!target.type().correctionTarget()) {
                throw ApiException.invalid(pointer, target.type().typeName() + " events cannot be corrected or retracted");
            }
            boolean retracted = work.events.stream().anyMatch(event -> event.type() == EventType.EVENT_RETRACTED
                    && targetId.equals(event.targetEventId()));
            if (retracted) {
                throw ApiException.invalid(pointer, "the event was retracted");
            }
            return target;
        }

        /** Checks the rules of the type; errors point below {@code dataPointer}, where the data sits in the request. */
        private void checkRules(EventType type, EventData.Payload data, PathwayState state, String dataPointer) {
            boolean byDepartement = caller.is(Role.DEPARTEMENT);
            switch (type) {
                case EVENT_CORRECTED -> throw new IllegalStateException("corrections are checked as their target");
                case MISSION_LOCALE_SOLICITED -> {
                    requireActiveMissionLocale(((EventData.MissionLocaleSolicited) data).missionLocaleId(),
                            dataPointer + "/missionLocaleId");
                    if (state.consent().status() == PathwayState.ConsentStatus.WITHDRAWN) {
                        throw ApiException.invalid(dataPointer + "/missionLocaleId", "the young person withdrew their consent "
                                + "to sharing; record their consent again before soliciting a Mission Locale");
                    }
                }
                case REVIEW_HELD -> {
                    EventData.ReviewHeld review = (EventData.ReviewHeld) data;
                    if (review.binome()) {
                        requireActiveMissionLocale(review.missionLocaleId(), dataPointer + "/missionLocaleId");
                    } else if (review.missionLocaleId() != null) {
                        throw ApiException.invalid(dataPointer + "/missionLocaleId",
                                "only when a Mission Locale counsellor took part");
                    }
                }
                case AUTONOMY_PROJECT_RECORDED -> {
                    EventData.AutonomyProjectRecorded project = (EventData.AutonomyProjectRecorded) data;
                    if (project.joint()) {
                        requireActiveMissionLocale(project.missionLocaleId(), dataPointer + "/missionLocaleId");
                    } else if (project.missionLocaleId() != null) {
                        throw ApiException.invalid(dataPointer + "/missionLocaleId", "only for a joint autonomy project");
                    }
                }
                case HANDOVER_DECIDED -> {
                    if (byDepartement) {
                        requireLinked(((EventData.HandoverDecided) data).missionLocaleId(), state, dataPointer);
                    }
                }
                case SHARE_ENDED -> {
                    if (byDepartement) {
                        requireLinked(((EventData.ShareEnded) data).missionLocaleId(), state, dataPointer);
                    }
                }
                case CEJ_PROPOSED -> {
                    EventData.CejProposed proposal = (EventData.CejProposed) data;
                    if ((proposal.decision() == EventData.CejDecision.REFUSED) != (proposal.refusalReason() != null)) {
                        throw ApiException.invalid(dataPointer + "/refusalReason",
                                "required when the decision is REFUSED, and only then");
                    }
                }
                case PATHWAY_TRANSFERRED -> {
                    String to = ((EventData.PathwayTransferred) data).toDepartementCode();
                    if (to.equals(state.departementCode()) || !departements.isActive(to)) {
                        throw ApiException.invalid(dataPointer + "/toDepartementCode", "must be another active collectivity");
                    }
                }
                case JOINT_STEP_CONFIRMED, JOINT_STEP_DISPUTED -> checkJointStep(CloudEventReader.targetOf(data), state, dataPointer);
                default -> {
                }
            }
        }

        /** A joint step is attested by the Mission Locale it names, or disputed by it or the owning département. */
        private void checkJointStep(UUID target, PathwayState state, String dataPointer) {
            Optional<UUID> missionLocale = state.reviews().stream()
                    .filter(review -> review.eventId().equals(target) && review.binome())
                    .map(PathwayState.Review::missionLocaleId).findFirst();
            if (missionLocale.isEmpty() && state.autonomyProject() != null && state.autonomyProject().joint()
                    && state.autonomyProject().eventId().equals(target)) {
                missionLocale = Optional.of(state.autonomyProject().missionLocaleId());
            }
            if (missionLocale.isEmpty()) {
                throw ApiException.invalid(dataPointer + "/eventId",
                        "not a binôme review or the current joint autonomy project of this pathway");
            }
            if (caller.is(Role.MISSION_LOCALE) && !missionLocale.get().toString().equals(caller.organisationId())) {
                throw ApiException.forbidden("Only the Mission Locale named in the joint step may attest or dispute it.");
            }
        }

        private void requireActiveMissionLocale(UUID id, String pointer) {
            if (id == null) {
                throw ApiException.invalid(pointer, "required");
            }
            if (!activeMissionsLocales.contains(id)) {
                throw ApiException.invalid(pointer, "no active Mission Locale " + id);
            }
        }

        private void requireLinked(UUID id, PathwayState state, String dataPointer) {
            if (id == null || state.missionLocales().stream().noneMatch(link -> link.missionLocaleId().equals(id))) {
                throw ApiException.invalid(dataPointer + "/missionLocaleId",
                        "required: a Mission Locale solicited for this young person");
            }
        }

        /** Stores the new pathways and the staged events, then derives again the state of each pathway touched; returns those. */
        List<UUID> store() {
            if (!newPathways.isEmpty()) {
                Set<UUID> inserted = new HashSet<>(pathways.insertNew(newPathways.stream().map(NewPathway::head).toList(), now));
                List<PathwayIdentity> newIdentities = new ArrayList<>();
                for (NewPathway pathway : newPathways) {
                    if (inserted.contains(pathway.head().id())) {
                        newIdentities.add(pathway.identity());
                    } else {
                        abandon(pathway.head().id());
                    }
                }
                identities.insert(newIdentities);
            }
            List<PathwayEventRepository.NewEvent> rows = staged.stream().map(this::row).toList();
            Map<UUID, Long> seqs = events.insert(rows, caller.role().organisationKind().name(), caller.organisationId(),
                    caller.subject(), now);
            List<Staged> racedOut = staged.stream().filter(event -> !seqs.containsKey(event.event().id())).toList();
            if (!racedOut.isEmpty()) {
                resolveRaces(racedOut);
            }
            applyRectifications(seqs.keySet());
            Set<UUID> touched = staged.stream().filter(event -> seqs.containsKey(event.event().id()))
                    .map(event -> event.event().pathwayId()).collect(Collectors.toCollection(LinkedHashSet::new));
            derive(touched, seqs);
            rejections.insert(caller.organisationId(), rejected, now);
            return List.copyOf(touched);
        }

        /** Writes the rectified identities whose event was stored. */
        private void applyRectifications(Collection<UUID> inserted) {
            for (Staged event : staged) {
                if (event.event().type() != EventType.IDENTITY_RECTIFIED || !inserted.contains(event.event().id())) {
                    continue;
                }
                UUID pathwayId = event.event().pathwayId();
                YoungPerson person = rectifications.get(pathwayId);
                PathwayIdentity identity = identities.findById(pathwayId);
                identity.firstName = person.firstName().trim();
                identity.lastName = person.lastName().trim();
                identity.birthDate = person.birthDate();
                identity.email = person.email();
                identity.phone = person.phone();
                identity.matchKey = MatchKey.of(person.firstName(), person.lastName(), person.birthDate());
                pathways.updateBirthDate(pathwayId, person.birthDate());
            }
            identities.flush();
        }

        /**
         * A concurrent request registered the same case reference first. Its events are already
         * stored when they are the same ones; any other event of that pathway is refused, to be
         * sent again now that the pathway exists.
         */
        private void abandon(UUID pathwayId) {
            List<Staged> orphans = staged.stream().filter(event -> event.event().pathwayId().equals(pathwayId)).toList();
            staged.removeAll(orphans);
            resolveRaces(orphans);
        }

        private void resolveRaces(List<Staged> racedOut) {
            List<Staged> submitted = racedOut.stream().filter(event -> event.index() >= 0).toList();
            Map<String, PathwayEventRepository.Known> stored = events.findBySourceKeys(caller.organisationId(),
                    submitted.stream().map(Staged::source).toList(), submitted.stream().map(Staged::sourceId).toList());
            for (Staged event : submitted) {
                PathwayEventRepository.Known known = stored.get(PathwayEventRepository.key(event.source(), event.sourceId()));
                if (known != null) {
                    outcomes[event.index()] = EventOutcome.duplicate(known.eventId(), known.pathwayId());
                } else {
                    reject(event.index(), submissions.get(event.index()), event.event().type().cloudEventType(),
                            new ApiException(ProblemType.CONFLICT, "The young person was registered by a concurrent request; send this event again."));
                }
            }
        }

        /**
         * Derives the state of the pathways from the events in hand, the staged ones with the seq
         * they were stored with: the same events as reading them back, without the round trip.
         */
        private void derive(Collection<UUID> pathwayIds, Map<UUID, Long> seqs) {
            if (pathwayIds.isEmpty()) {
                return;
            }
            Map<UUID, Long> versions = new HashMap<>();
            List<PathwayRepository.Derived> derived = new ArrayList<>();
            List<PathwaysChanged.Change> changes = new ArrayList<>();
            for (UUID id : pathwayIds) {
                Work work = works.get(id);
                List<StoredEvent> all = work.asStored(seqs);
                // Every staged event stored, in the order staged: the state in hand is the state of the stored events.
                PathwayHistory history = all.size() == work.events.size()
                        ? PathwayHistory.of(id, work.birthDate, all, work.state())
                        : PathwayHistory.of(id, work.birthDate, all);
                derived.add(PathwayDerivation.derive(id, history.state(), all.size(), codec.encode(history.state()),
                        all.stream().map(StoredEvent::occurredOn).max(Comparator.naturalOrder()).orElse(null)));
                versions.put(id, (long) all.size());
                changes.add(new PathwaysChanged.Change(work.initialState, history,
                        all.stream().filter(event -> seqs.containsKey(event.id())).toList()));
            }
            pathways.updateDerived(derived, now);
            changed.fire(new PathwaysChanged(changes));
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i].status() == EventOutcome.Status.ACCEPTED) {
                    outcomes[i] = outcomes[i].withVersion(versions.get(outcomes[i].pathwayId()));
                }
            }
        }

        private PathwayEventRepository.NewEvent row(Staged staged) {
            StoredEvent event = staged.event();
            return new PathwayEventRepository.NewEvent(event.id(), event.pathwayId(), event.type().typeName(), event.occurredOn(),
                    staged.occurredAt(), staged.source(), staged.sourceId(), event.targetEventId(), codec.encode(event.data()));
        }

        private void reject(int index, EventSubmission submission, String type, ApiException problem) {
            outcomes[index] = EventOutcome.rejected(problem);
            rejected.add(new RejectedEventRepository.Rejection(submission.source(), submission.sourceId(), type,
                    codec.encode(problem.toProblem("/api/v1/events", String.valueOf(MDC.get("correlationId"))))));
        }

        private UUID stagedPathway(UUID eventId) {
            return staged.stream().filter(event -> event.event().id().equals(eventId)).findFirst()
                    .map(event -> event.event().pathwayId()).orElse(null);
        }

        List<EventOutcome> outcomes() {
            return List.of(outcomes);
        }
    }

    /** A rectification of identity is told apart in the audit trail: it changes the personal data itself. */
    private static boolean rectifiesIdentity(List<EventSubmission> submissions) {
        return !submissions.isEmpty() && submissions.stream().allMatch(submission -> submission instanceof EventSubmission.Readable readable
                && readable.type() == EventType.IDENTITY_RECTIFIED);
    }

    private static Set<UUID> namedMissionsLocales(EventData.Payload data) {
        Set<UUID> ids = new HashSet<>();
        if (data instanceof EventData.MissionLocaleSolicited solicited) {
            ids.add(solicited.missionLocaleId());
        } else if (data instanceof EventData.ReviewHeld review && review.missionLocaleId() != null) {
            ids.add(review.missionLocaleId());
        } else if (data instanceof EventData.AutonomyProjectRecorded project && project.missionLocaleId() != null) {
            ids.add(project.missionLocaleId());
        }
        return ids;
    }

    /**
     * The Mission Locale a correction's data may name. That data is typed only once the corrected
     * event is loaded, after the Missions Locales are looked up; its one field naming them is read
     * as it stands, and a malformed value is left to the typed reading to report.
     */
    private static Set<UUID> namedInCorrection(JsonNode data) {
        JsonNode id = data == null ? null : data.get("missionLocaleId");
        if (id == null || !id.isTextual()) {
            return Set.of();
        }
        try {
            return Set.of(UUID.fromString(id.asText()));
        } catch (IllegalArgumentException malformed) {
            return Set.of();
        }
    }

    private static YoungPerson person(PathwayIdentity identity) {
        return new YoungPerson(identity.firstName, identity.lastName, identity.birthDate, identity.email, identity.phone, null);
    }

    /** A pathway as the batch sees it: its stored events plus those staged so far. */
    private static final class Work {
        private final PathwayHead head;
        private LocalDate birthDate;
        private final List<StoredEvent> events;
        private final int loaded;
        private final PathwayState initialState;
        private final PathwayFold.Folding folding;
        private long maxSeq;

        Work(PathwayHead head, List<StoredEvent> stored, boolean created) {
            this.head = head;
            this.birthDate = head.birthDate();
            this.events = new ArrayList<>(stored);
            this.loaded = stored.size();
            this.maxSeq = stored.stream().mapToLong(StoredEvent::seq).max().orElse(0);
            this.folding = new PathwayFold.Folding(stored);
            this.initialState = created ? null : folding.state();
        }

        /** Staged events sort after every stored one, in staging order, until the database numbers them. */
        long nextSeq() {
            return ++maxSeq;
        }

        void append(StoredEvent event) {
            events.add(event);
            folding.append(event);
        }

        PathwayState state() {
            return folding.state();
        }

        /** The events as stored: staged ones numbered by the database, those it did not store (a concurrent push did) left out. */
        List<StoredEvent> asStored(Map<UUID, Long> seqs) {
            List<StoredEvent> stored = new ArrayList<>(events.subList(0, loaded));
            for (StoredEvent event : events.subList(loaded, events.size())) {
                Long seq = seqs.get(event.id());
                if (seq != null) {
                    stored.add(event.withSeq(seq));
                }
            }
            stored.sort(Comparator.comparingLong(StoredEvent::seq));
            return stored;
        }
    }

    private record Staged(int index, StoredEvent event, Instant occurredAt, String source, String sourceId) {
    }

    private record NewPathway(PathwayHead head, YoungPerson person, String matchKey) {

        PathwayIdentity identity() {
            PathwayIdentity identity = new PathwayIdentity();
            identity.pathwayId = head.id();
            identity.departementCode = head.departementCode();
            identity.firstName = person.firstName().trim();
            identity.lastName = person.lastName().trim();
            identity.birthDate = person.birthDate();
            identity.email = person.email();
            identity.phone = person.phone();
            identity.matchKey = matchKey;
            return identity;
        }
    }
}
