package fr.passerelle.pathway;

import fr.passerelle.pathway.PathwayState.Confirmation;
import fr.passerelle.pathway.PathwayState.JointConfirmation;
import fr.passerelle.platform.security.OrganisationKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Derives a pathway's state from its events. Steps apply in the order they happened (date, then
 * order of recording), so a late event lands in its place. A retracted step is left out; a
 * corrected step takes the data and date of its latest correction. Confirmations and disputes of
 * joint steps apply after all steps, whatever their dates.
 * <p>
 * Sharing with a Mission Locale starts with a solicitation by the collectivity owning the pathway,
 * and ends with an end of share, a withdrawal of consent, the erasure, or a transfer to another
 * collectivity that did not solicit that Mission Locale itself (the share of the former owner's
 * choice does not follow the young person; the new owner restores it by soliciting again).
 */
final class PathwayFold {

    private static final Comparator<StoredEvent> CHRONOLOGICAL =
            Comparator.comparing(StoredEvent::occurredOn).thenComparingLong(StoredEvent::seq);

    private PathwayFold() {
    }

    /** The events that count, corrections applied, in chronological order. */
    static List<StoredEvent> effectiveSteps(List<StoredEvent> events) {
        Set<UUID> retracted = new HashSet<>();
        Map<UUID, StoredEvent> latestCorrection = new HashMap<>();
        for (StoredEvent event : events) {
            if (event.type() == EventType.EVENT_RETRACTED) {
                retracted.add(event.targetEventId());
            } else if (event.type() == EventType.EVENT_CORRECTED) {
                latestCorrection.merge(event.targetEventId(), event, (a, b) -> a.seq() > b.seq() ? a : b);
            }
        }
        List<StoredEvent> effective = new ArrayList<>();
        for (StoredEvent event : events) {
            if (event.type() == EventType.EVENT_RETRACTED || event.type() == EventType.EVENT_CORRECTED
                    || retracted.contains(event.id())) {
                continue;
            }
            StoredEvent correction = latestCorrection.get(event.id());
            effective.add(correction == null ? event
                    : new StoredEvent(event.id(), event.seq(), event.pathwayId(), event.type(), correction.occurredOn(),
                            event.recordedAt(), event.recorderKind(), event.recorderId(), null, correction.data()));
        }
        effective.sort(CHRONOLOGICAL);
        return effective;
    }

    static PathwayState fold(List<StoredEvent> events) {
        return new Folding(events).state();
    }

    /**
     * The state from effective steps in chronological order, as it stood at the end of a day (all
     * of them when {@code until} is null): the same derivation for the current state and for any
     * past date, so that the indicators' situations on 31 December follow the same rules.
     */
    static PathwayState foldSteps(List<StoredEvent> steps, LocalDate until) {
        return folded(steps, until).build();
    }

    private static Builder folded(List<StoredEvent> steps, LocalDate until) {
        Builder folded = new Builder();
        // The registering collectivity owns the pathway from the start, whatever the dates: pathway.opened is
        // dated the day of registration, after steps dated earlier (ASE support, a transfer recorded afterwards).
        steps.stream().filter(event -> event.type() == EventType.PATHWAY_OPENED).findFirst()
                .ifPresent(opened -> folded.owner = opened.recorderId());
        List<StoredEvent> annotations = new ArrayList<>();
        for (StoredEvent event : steps) {
            if (until != null && event.occurredOn().isAfter(until)) {
                break;
            }
            if (isAnnotation(event)) {
                annotations.add(event);
            } else {
                folded.apply(event);
            }
        }
        annotations.forEach(folded::annotate);
        return folded;
    }

    private static boolean isAnnotation(StoredEvent event) {
        return event.type() == EventType.JOINT_STEP_CONFIRMED || event.type() == EventType.JOINT_STEP_DISPUTED;
    }

    /**
     * A fold kept up to date as events are added. An event that comes after every step applied so
     * far (by date, then order of recording) and changes none of them is applied to the state in
     * hand; anything else (a late event, a correction, a retraction, a confirmation or dispute, or
     * any event once the pathway has one of those) folds all the events again. Checking a batch
     * stays linear in the pathway's events instead of quadratic.
     */
    static final class Folding {
        private final List<StoredEvent> events;
        private Builder builder;
        private StoredEvent lastStep;
        private boolean annotated;
        private PathwayState state;

        Folding(List<StoredEvent> events) {
            this.events = new ArrayList<>(events);
        }

        void append(StoredEvent event) {
            events.add(event);
            state = null;
            boolean follows = builder != null && !annotated && plainStep(event)
                    && (lastStep == null || CHRONOLOGICAL.compare(lastStep, event) < 0);
            if (!follows) {
                builder = null;
                return;
            }
            if (event.type() == EventType.PATHWAY_OPENED && builder.owner == null) {
                builder.owner = event.recorderId();
            }
            builder.apply(event);
            lastStep = event;
        }

        PathwayState state() {
            if (state == null) {
                if (builder == null) {
                    refold();
                }
                state = builder.build();
            }
            return state;
        }

        private void refold() {
            List<StoredEvent> steps = effectiveSteps(events);
            builder = folded(steps, null);
            lastStep = null;
            annotated = false;
            for (StoredEvent step : steps) {
                if (isAnnotation(step)) {
                    annotated = true;
                } else {
                    lastStep = step;
                }
            }
        }

        private static boolean plainStep(StoredEvent event) {
            return switch (event.type()) {
                case EVENT_CORRECTED, EVENT_RETRACTED, JOINT_STEP_CONFIRMED, JOINT_STEP_DISPUTED -> false;
                default -> true;
            };
        }
    }

    /** Mutable accumulator; each step overwrites what it supersedes. */
    private static final class Builder {
        private String owner;
        private PathwayState.AseStatus aseStatus = PathwayState.AseStatus.UNKNOWN;
        private EventData.Placement placement;
        private EventData.Measure measure;
        private Boolean youngAdultContract;
        private LocalDate aseStartedOn;
        private LocalDate aseEndedOn;
        private EventData.AseExitReason exitReason;
        private final Map<UUID, Link> links = new LinkedHashMap<>();
        private final List<ReviewDraft> reviews = new ArrayList<>();
        private PathwayState.Diagnostic diagnostic;
        private ProjectDraft project;
        private PathwayState.Handover handover;
        private PathwayState.CejStatus cejStatus = PathwayState.CejStatus.NOT_PROPOSED;
        private LocalDate cejProposedOn;
        private EventData.CejDecision cejDecision;
        private EventData.CejRefusalReason cejRefusalReason;
        private LocalDate cejStartedOn;
        private LocalDate cejEndedOn;
        private EventData.CejOutcome cejOutcome;
        private PathwayState.ConsentStatus consent = PathwayState.ConsentStatus.NOT_RECORDED;
        private LocalDate consentSince;
        private PathwayState.Fragility fragility;
        private LocalDate rightsInformedOn;
        private PathwayState.Eligibility eligibility;
        private final List<LocalDate> trainingObligationReports = new ArrayList<>();
        private PathwayState.Situation situation;
        private final List<PathwayState.Transfer> transfers = new ArrayList<>();
        private final Set<String> formerOwners = new HashSet<>();

        void apply(StoredEvent event) {
            LocalDate on = event.occurredOn();
            switch (event.type()) {
                case PATHWAY_OPENED -> {
                    // the owner is set before the fold (see fold)
                }
                case ASE_SUPPORT_STARTED -> {
                    EventData.AseSupportStarted data = (EventData.AseSupportStarted) event.data();
                    aseStatus = PathwayState.AseStatus.SUPPORTED;
                    placement = data.placement();
                    measure = data.measure();
                    youngAdultContract = data.youngAdultContract();
                    aseStartedOn = on;
                    aseEndedOn = null;
                    exitReason = null;
                }
                case ASE_SUPPORT_CHANGED -> {
                    EventData.AseSupportChanged data = (EventData.AseSupportChanged) event.data();
                    placement = data.placement();
                    measure = data.measure();
                    youngAdultContract = data.youngAdultContract();
                }
                case ASE_SUPPORT_ENDED -> {
                    aseStatus = PathwayState.AseStatus.EXITED;
                    aseEndedOn = on;
                    exitReason = ((EventData.AseSupportEnded) event.data()).exitReason();
                }
                case MISSION_LOCALE_SOLICITED -> solicit(((EventData.MissionLocaleSolicited) event.data()).missionLocaleId(), on,
                        event.recorderId());
                case FIRST_CONTACT -> link(event).firstContactOn = earliest(link(event).firstContactOn, on);
                case MISSION_LOCALE_REGISTERED -> {
                    Link link = link(event);
                    link.registeredOn = earliest(link.registeredOn, on);
                    String reference = ((EventData.MissionLocaleRegistered) event.data()).missionLocaleReference();
                    if (reference != null) {
                        link.reference = reference;
                    }
                }
                case MISSION_LOCALE_REFERENCE_LINKED -> link(event).reference =
                        ((EventData.MissionLocaleReferenceLinked) event.data()).missionLocaleReference();
                case REVIEW_HELD -> reviews.add(new ReviewDraft(event.id(), on, (EventData.ReviewHeld) event.data()));
                case ORIENTATION_DIAGNOSTIC_COMPLETED -> {
                    if (diagnostic == null) {
                        diagnostic = new PathwayState.Diagnostic(event.id(), on, UUID.fromString(event.recorderId()),
                                ((EventData.OrientationDiagnosticCompleted) event.data()).duringReview());
                    }
                }
                case AUTONOMY_PROJECT_RECORDED -> recordProject(event);
                case HANDOVER_DECIDED -> {
                    EventData.HandoverDecided data = (EventData.HandoverDecided) event.data();
                    handover = new PathwayState.Handover(data.mode(), on, missionLocaleOf(event, data.missionLocaleId()));
                }
                case CEJ_PROPOSED -> {
                    EventData.CejProposed data = (EventData.CejProposed) event.data();
                    cejProposedOn = on;
                    cejDecision = data.decision();
                    cejRefusalReason = data.refusalReason();
                    cejStatus = switch (data.decision()) {
                        case ACCEPTED -> PathwayState.CejStatus.ACCEPTED;
                        case REFUSED -> PathwayState.CejStatus.REFUSED;
                        case PENDING -> PathwayState.CejStatus.PROPOSED_PENDING;
                    };
                }
                case CEJ_STARTED -> {
                    cejStartedOn = on;
                    cejEndedOn = null;
                    cejOutcome = null;
                    cejStatus = PathwayState.CejStatus.IN_CEJ;
                }
                case CEJ_ENDED -> {
                    cejEndedOn = on;
                    cejOutcome = ((EventData.CejEnded) event.data()).outcome();
                    cejStatus = PathwayState.CejStatus.ENDED;
                }
                case RIGHTS_INFORMATION_GIVEN -> rightsInformedOn = on;
                case ELIGIBILITY_CHECKED -> eligibility = new PathwayState.Eligibility(on,
                        ((EventData.EligibilityChecked) event.data()).schemes());
                case FRAGILITY_ASSESSED -> fragility = new PathwayState.Fragility(on,
                        ((EventData.FragilityAssessed) event.data()).criteria());
                case TRAINING_OBLIGATION_REPORTED -> trainingObligationReports.add(on);
                case SITUATION_UPDATED -> situation = new PathwayState.Situation(
                        ((EventData.SituationUpdated) event.data()).situation(), on, UUID.fromString(event.recorderId()));
                case CONSENT_RECORDED -> {
                    consent = PathwayState.ConsentStatus.GIVEN;
                    consentSince = on;
                }
                case CONSENT_WITHDRAWN -> {
                    consent = PathwayState.ConsentStatus.WITHDRAWN;
                    consentSince = on;
                    links.values().forEach(link -> link.end(on));
                }
                case SHARE_ENDED -> {
                    UUID missionLocaleId = missionLocaleOf(event, ((EventData.ShareEnded) event.data()).missionLocaleId());
                    Link link = links.get(missionLocaleId);
                    if (link != null) {
                        link.end(on);
                    }
                }
                case IDENTITY_RECTIFIED -> {
                }
                case PATHWAY_ERASED -> links.values().forEach(link -> link.end(on));
                case PATHWAY_TRANSFERRED -> {
                    String to = ((EventData.PathwayTransferred) event.data()).toDepartementCode();
                    transfers.add(new PathwayState.Transfer(on, owner, to));
                    formerOwners.add(owner);
                    formerOwners.remove(to);
                    owner = to;
                    // A share rests on the solicitation of the collectivity that owns the pathway: those of the former
                    // owner end here, unless the receiving collectivity solicited that Mission Locale itself.
                    links.values().stream().filter(link -> !to.equals(link.solicitedBy)).forEach(link -> link.end(on));
                }
                default -> throw new IllegalStateException("not a step: " + event.type());
            }
        }

        /** Applies a confirmation or dispute to the joint step it names, from the side that recorded it. */
        void annotate(StoredEvent event) {
            UUID target = event.type() == EventType.JOINT_STEP_CONFIRMED
                    ? ((EventData.JointStepConfirmed) event.data()).eventId()
                    : ((EventData.JointStepDisputed) event.data()).eventId();
            Confirmation value = event.type() == EventType.JOINT_STEP_CONFIRMED ? Confirmation.CONFIRMED : Confirmation.DISPUTED;
            boolean fromMissionLocale = event.recorderKind() == OrganisationKind.MISSION_LOCALE;
            for (ReviewDraft review : reviews) {
                if (review.eventId.equals(target) && review.data.binome()) {
                    review.confirm(fromMissionLocale, value);
                }
            }
            if (project != null && project.eventId.equals(target) && project.joint) {
                project.confirm(fromMissionLocale, value);
            }
        }

        /**
         * A solicitation shares the pathway while consent stands, unless a former owner made it (dated after the
         * transfer that took the pathway from it).
         */
        private void solicit(UUID missionLocaleId, LocalDate on, String by) {
            Link link = links.computeIfAbsent(missionLocaleId, id -> new Link(id, on));
            link.solicitedBy = by;
            if (consent != PathwayState.ConsentStatus.WITHDRAWN && !formerOwners.contains(by)) {
                link.share = PathwayState.ShareStatus.ACTIVE;
                link.shareEndedOn = null;
            }
        }

        private void recordProject(StoredEvent event) {
            EventData.AutonomyProjectRecorded data = (EventData.AutonomyProjectRecorded) event.data();
            LocalDate elaboratedOn = project == null ? event.occurredOn() : project.elaboratedOn;
            LocalDate updatedOn = project == null ? null : event.occurredOn();
            project = new ProjectDraft(event.id(), elaboratedOn, updatedOn, data);
        }

        private Link link(StoredEvent event) {
            UUID missionLocaleId = UUID.fromString(event.recorderId());
            return links.computeIfAbsent(missionLocaleId, id -> new Link(id, event.occurredOn()));
        }

        private static UUID missionLocaleOf(StoredEvent event, UUID stated) {
            return event.recorderKind() == OrganisationKind.MISSION_LOCALE ? UUID.fromString(event.recorderId()) : stated;
        }

        private static LocalDate earliest(LocalDate current, LocalDate candidate) {
            return current == null || candidate.isBefore(current) ? candidate : current;
        }

        PathwayState build() {
            return new PathwayState(owner,
                    new PathwayState.Ase(aseStatus, placement, measure, youngAdultContract, aseStartedOn, aseEndedOn, exitReason),
                    links.values().stream().map(Link::view).toList(),
                    reviews.stream().map(ReviewDraft::view).toList(),
                    diagnostic,
                    project == null ? null : project.view(),
                    handover,
                    new PathwayState.Cej(cejStatus, cejProposedOn, cejDecision, cejRefusalReason, cejStartedOn, cejEndedOn, cejOutcome),
                    new PathwayState.Consent(consent, consentSince),
                    fragility, rightsInformedOn, eligibility, List.copyOf(trainingObligationReports), situation, List.copyOf(transfers));
        }
    }

    private static final class Link {
        private final UUID missionLocaleId;
        private final LocalDate solicitedOn;
        private PathwayState.ShareStatus share = PathwayState.ShareStatus.ENDED;
        private LocalDate shareEndedOn;
        /** The collectivity whose latest solicitation the share rests on. */
        private String solicitedBy;
        private LocalDate firstContactOn;
        private LocalDate registeredOn;
        private String reference;

        Link(UUID missionLocaleId, LocalDate solicitedOn) {
            this.missionLocaleId = missionLocaleId;
            this.solicitedOn = solicitedOn;
        }

        void end(LocalDate on) {
            if (share == PathwayState.ShareStatus.ACTIVE) {
                share = PathwayState.ShareStatus.ENDED;
                shareEndedOn = on;
            }
        }

        PathwayState.MissionLocaleLink view() {
            return new PathwayState.MissionLocaleLink(missionLocaleId, solicitedOn, share, shareEndedOn, firstContactOn,
                    registeredOn, reference);
        }
    }

    private static final class ReviewDraft {
        private final UUID eventId;
        private final LocalDate heldOn;
        private final EventData.ReviewHeld data;
        private Confirmation departement = Confirmation.CONFIRMED;
        private Confirmation missionLocale = Confirmation.PENDING;

        ReviewDraft(UUID eventId, LocalDate heldOn, EventData.ReviewHeld data) {
            this.eventId = eventId;
            this.heldOn = heldOn;
            this.data = data;
        }

        void confirm(boolean fromMissionLocale, Confirmation value) {
            if (fromMissionLocale) {
                missionLocale = value;
            } else {
                departement = value;
            }
        }

        PathwayState.Review view() {
            return new PathwayState.Review(eventId, heldOn, data.binome(), data.missionLocaleId(), data.renewal(),
                    data.participants(), data.binome() ? new JointConfirmation(departement, missionLocale) : null);
        }
    }

    private static final class ProjectDraft {
        private final UUID eventId;
        private final LocalDate elaboratedOn;
        private final LocalDate updatedOn;
        private final boolean joint;
        private final EventData.AutonomyProjectRecorded data;
        private Confirmation departement = Confirmation.CONFIRMED;
        private Confirmation missionLocale = Confirmation.PENDING;

        ProjectDraft(UUID eventId, LocalDate elaboratedOn, LocalDate updatedOn, EventData.AutonomyProjectRecorded data) {
            this.eventId = eventId;
            this.elaboratedOn = elaboratedOn;
            this.updatedOn = updatedOn;
            this.joint = data.joint();
            this.data = data;
        }

        void confirm(boolean fromMissionLocale, Confirmation value) {
            if (fromMissionLocale) {
                missionLocale = value;
            } else {
                departement = value;
            }
        }

        PathwayState.AutonomyProject view() {
            return new PathwayState.AutonomyProject(eventId, elaboratedOn, updatedOn, joint, data.missionLocaleId(),
                    data.domains(), joint ? new JointConfirmation(departement, missionLocale) : null);
        }
    }
}
