package fr.passerelle.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.passerelle.pathway.EventData;
import fr.passerelle.pathway.EventType;
import fr.passerelle.pathway.PathwayHistory;
import fr.passerelle.pathway.PathwayState;
import fr.passerelle.pathway.StoredEvent;
import fr.passerelle.platform.security.OrganisationKind;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a Mission Locale may see of a pathway shared with it: the field-level view of the
 * convention's need-to-know rule.
 * <ul>
 * <li>Its own steps, and the steps of the département that concern it or the young person's
 * insertion (its solicitation, reviews and autonomy project it took part in, handover, CEJ,
 * rights, eligibility, fragilities, consent).</li>
 * <li>Of ASE support, only whether it runs, the young-adult contract and the exit date: never the
 * placement, the measure or the exit reason.</li>
 * <li>Nothing about other Missions Locales (not even their orientation diagnostic), transfers or the
 * département's case reference.</li>
 * <li>Contact details only once the young person's consent is recorded.</li>
 * </ul>
 */
final class MissionLocaleVisibility {

    private MissionLocaleVisibility() {
    }

    /** Whether the Mission Locale sees an event; {@code lookup} finds the event an annotation is about. */
    static boolean sees(StoredEvent event, UUID missionLocaleId, Map<UUID, StoredEvent> lookup) {
        if (event.recorderKind() == OrganisationKind.MISSION_LOCALE) {
            return event.recorderId().equals(missionLocaleId.toString());
        }
        EventData.Payload data = event.data();
        return switch (event.type()) {
            case PATHWAY_OPENED, PATHWAY_TRANSFERRED -> false;
            case MISSION_LOCALE_SOLICITED -> ((EventData.MissionLocaleSolicited) data).missionLocaleId().equals(missionLocaleId);
            case REVIEW_HELD -> missionLocaleId.equals(((EventData.ReviewHeld) data).missionLocaleId());
            case AUTONOMY_PROJECT_RECORDED -> missionLocaleId.equals(((EventData.AutonomyProjectRecorded) data).missionLocaleId());
            case HANDOVER_DECIDED -> missionLocaleId.equals(((EventData.HandoverDecided) data).missionLocaleId());
            case SHARE_ENDED -> missionLocaleId.equals(((EventData.ShareEnded) data).missionLocaleId());
            // A correction shows the corrected data: it must concern the Mission Locale as much as the event it corrects.
            case EVENT_CORRECTED -> Optional.ofNullable(lookup.get(event.targetEventId()))
                    .map(target -> sees(target, missionLocaleId, lookup) && sees(corrected(target, event), missionLocaleId, lookup))
                    .orElse(false);
            case EVENT_RETRACTED, JOINT_STEP_CONFIRMED, JOINT_STEP_DISPUTED -> Optional
                    .ofNullable(lookup.get(event.targetEventId()))
                    .map(target -> sees(target, missionLocaleId, lookup)).orElse(false);
            default -> true;
        };
    }

    /** The target event as the correction makes it. */
    private static StoredEvent corrected(StoredEvent target, StoredEvent correction) {
        return new StoredEvent(target.id(), target.seq(), target.pathwayId(), target.type(), correction.occurredOn(), target.recordedAt(),
                target.recorderKind(), target.recorderId(), target.targetEventId(), correction.data());
    }

    /** The event's data as the Mission Locale may see it (by its class, so that corrections of ASE events are cut too). */
    static JsonNode data(StoredEvent event, ObjectMapper mapper) {
        ObjectNode data = mapper.valueToTree(event.data());
        return cutsData(event) ? data.retain(EventType.ASE_FIELDS_SHOWN_TO_MISSION_LOCALES) : data;
    }

    /** Whether a Mission Locale sees less of the event's data than its département: ASE placement, measure and exit. */
    static boolean cutsData(StoredEvent event) {
        return EventType.ofData(event.data()).cutForMissionLocales();
    }

    /** The state as the Mission Locale may see it. */
    static SharedState state(PathwayHistory history, UUID missionLocaleId) {
        PathwayState state = history.state();
        PathwayState.Ase ase = state.ase();
        PathwayState.AutonomyProject project = state.autonomyProject();
        PathwayState.Handover handover = state.handover();
        return new SharedState(
                new SharedState.AseSummary(ase.status(), ase.youngAdultContract(), ase.endedOn()),
                state.reviews().stream().filter(review -> missionLocaleId.equals(review.missionLocaleId())).toList(),
                diagnostic(history, missionLocaleId),
                project != null && missionLocaleId.equals(project.missionLocaleId()) ? project : null,
                handover != null && missionLocaleId.equals(handover.missionLocaleId()) ? handover : null,
                state.cej(), state.consent(), state.fragility(), state.rightsInformedOn(), state.eligibility(),
                state.trainingObligationReports(), situation(history, missionLocaleId));
    }

    /** The latest situation this Mission Locale recorded: another one's would name it. */
    static PathwayState.Situation situation(PathwayHistory history, UUID missionLocaleId) {
        PathwayState.Situation latest = null;
        for (StoredEvent step : history.steps()) {
            if (step.type() == EventType.SITUATION_UPDATED && step.recordedBy(OrganisationKind.MISSION_LOCALE, missionLocaleId.toString())) {
                latest = new PathwayState.Situation(((EventData.SituationUpdated) step.data()).situation(), step.occurredOn(),
                        missionLocaleId);
            }
        }
        return latest;
    }

    /**
     * The first orientation diagnostic this Mission Locale made. The pathway's first diagnostic may
     * be another Mission Locale's, which would name it, and whose event this one does not see.
     */
    static PathwayState.Diagnostic diagnostic(PathwayHistory history, UUID missionLocaleId) {
        return history.steps().stream()
                .filter(step -> step.type() == EventType.ORIENTATION_DIAGNOSTIC_COMPLETED
                        && step.recordedBy(OrganisationKind.MISSION_LOCALE, missionLocaleId.toString()))
                .findFirst()
                .map(step -> new PathwayState.Diagnostic(step.id(), step.occurredOn(), missionLocaleId,
                        ((EventData.OrientationDiagnosticCompleted) step.data()).duringReview()))
                .orElse(null);
    }

    /** Joint steps naming the Mission Locale that it has not attested yet. */
    static int jointStepsToConfirm(PathwayState state, UUID missionLocaleId) {
        long reviews = state.reviews().stream()
                .filter(review -> review.binome() && missionLocaleId.equals(review.missionLocaleId())
                        && review.confirmation().missionLocale() == PathwayState.Confirmation.PENDING)
                .count();
        PathwayState.AutonomyProject project = state.autonomyProject();
        boolean projectPending = project != null && project.joint() && missionLocaleId.equals(project.missionLocaleId())
                && project.confirmation().missionLocale() == PathwayState.Confirmation.PENDING;
        return (int) reviews + (projectPending ? 1 : 0);
    }
}
