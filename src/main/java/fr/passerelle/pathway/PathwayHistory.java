package fr.passerelle.pathway;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What other features derive from a pathway: its birth date, its current state, its effective steps
 * (retractions left out, corrections applied) in the order they happened, annotations
 * (confirmations, disputes) included, and every event as recorded, in recording order.
 */
public record PathwayHistory(UUID pathwayId, LocalDate birthDate, PathwayState state, List<StoredEvent> steps,
        List<StoredEvent> events) {

    /** The young person's age on that date. */
    public int ageOn(LocalDate date) {
        return AgeRules.ageOn(birthDate, date);
    }

    static PathwayHistory of(UUID pathwayId, LocalDate birthDate, List<StoredEvent> events) {
        return of(pathwayId, birthDate, events, PathwayFold.fold(events));
    }

    /** The history of events whose state is already folded. */
    static PathwayHistory of(UUID pathwayId, LocalDate birthDate, List<StoredEvent> events, PathwayState state) {
        return new PathwayHistory(pathwayId, birthDate, state, PathwayFold.effectiveSteps(events), List.copyOf(events));
    }
}
