package fr.passerelle.pathway;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What other features derive from a pathway: its birth date, its current state, and its effective
 * steps (retractions left out, corrections applied) in the order they happened, annotations
 * (confirmations, disputes) included.
 */
public record PathwayHistory(UUID pathwayId, LocalDate birthDate, PathwayState state, List<StoredEvent> steps) {

    static PathwayHistory of(UUID pathwayId, LocalDate birthDate, List<StoredEvent> events) {
        return new PathwayHistory(pathwayId, birthDate, PathwayFold.fold(events), PathwayFold.effectiveSteps(events));
    }
}
