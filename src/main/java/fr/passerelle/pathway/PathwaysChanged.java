package fr.passerelle.pathway;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Fired, inside the writing transaction, after events changed the state of some pathways, so that
 * what is derived from pathways elsewhere (sharing, change feed, indicators) follows in the same
 * transaction.
 */
public record PathwaysChanged(List<Change> changes) {

    /** One pathway: its state before the batch (null when the batch registered it) and after. */
    public record Change(UUID pathwayId, PathwayState before, PathwayState after, LocalDate birthDate) {
    }
}
