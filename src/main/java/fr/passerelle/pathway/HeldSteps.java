package fr.passerelle.pathway;

import fr.passerelle.platform.security.OrganisationKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Steps that state a value rather than report something that happened: the ASE support's current
 * terms and the autonomy project (the PUT resources), and a side's attestation or dispute of a
 * joint step. Stating again what the pathway already holds from the same organisation changes
 * nothing, so it records nothing: the write answers with the event that holds it, as for a
 * duplicate. Any other step is something that happened once more, and is recorded.
 */
final class HeldSteps {

    private HeldSteps() {
    }

    /**
     * The effective event that already holds what the organisation states, if any:
     * <ul>
     * <li>for the ASE support's terms and the autonomy project, the one that holds the current value
     * (the latest in the order steps happened), when that organisation recorded it with the same
     * date and data;</li>
     * <li>for a confirmation or dispute, that organisation's latest word on the same joint step, when
     * it is the same (a dispute with the same reason).</li>
     * </ul>
     */
    static Optional<StoredEvent> find(List<StoredEvent> events, EventType type, LocalDate occurredOn, EventData.Payload data,
            OrganisationKind recorderKind, String recorderId) {
        // Only these types are looked up: the fold is not run for the events of a batch's other steps.
        return switch (type) {
            case ASE_SUPPORT_CHANGED, AUTONOMY_PROJECT_RECORDED -> latest(PathwayFold.effectiveSteps(events).stream()
                    .filter(step -> step.type() == type || type == EventType.ASE_SUPPORT_CHANGED && step.type() == EventType.ASE_SUPPORT_STARTED)
                    .toList())
                    .filter(current -> current.type() == type && current.recordedBy(recorderKind, recorderId)
                            && current.occurredOn().equals(occurredOn) && current.data().equals(data));
            case JOINT_STEP_CONFIRMED, JOINT_STEP_DISPUTED -> latest(PathwayFold.effectiveSteps(events).stream()
                    .filter(step -> (step.type() == EventType.JOINT_STEP_CONFIRMED || step.type() == EventType.JOINT_STEP_DISPUTED)
                            && step.recordedBy(recorderKind, recorderId)
                            && CloudEventReader.targetOf(step.data()).equals(CloudEventReader.targetOf(data)))
                    .toList())
                    .filter(word -> word.type() == type && word.data().equals(data));
            default -> Optional.empty();
        };
    }

    /** The last of steps in the order they happened (the one the state reflects). */
    private static Optional<StoredEvent> latest(List<StoredEvent> chronological) {
        return chronological.isEmpty() ? Optional.empty() : Optional.of(chronological.get(chronological.size() - 1));
    }
}
