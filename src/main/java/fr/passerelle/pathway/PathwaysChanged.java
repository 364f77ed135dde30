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
     * One pathway: its state before the batch (null when the batch registered it), and its history
     * after it.
     */
    public record Change(PathwayState before, PathwayHistory after) {

        public UUID pathwayId() {
            return after.pathwayId();
        }
    }
}
