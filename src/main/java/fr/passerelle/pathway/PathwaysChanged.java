package fr.passerelle.pathway;

import java.util.List;
import java.util.UUID;

/**
 * Fired, inside the writing transaction, after events changed the state of some pathways, so that
 * what is derived from pathways elsewhere (sharing, change feed, indicators) follows in the same
 * transaction.
 */
public record PathwaysChanged(List<Change> changes) {

    /**
     * One pathway: its state before the batch (null when the batch registered it), its history
     * after it, and the events the batch recorded, in the order they were recorded.
     */
    public record Change(PathwayState before, PathwayHistory after, List<StoredEvent> recorded) {

        public UUID pathwayId() {
            return after.pathwayId();
        }
    }
}
