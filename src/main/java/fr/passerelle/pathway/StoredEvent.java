package fr.passerelle.pathway;

import fr.passerelle.platform.security.OrganisationKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An event as stored. For a correction, {@code data} is the replacement data, already read with the
 * class of the corrected event's type. In the effective steps of a pathway (see
 * {@link PathwayHistory}), a corrected event carries its correction's date and data.
 */
public record StoredEvent(
        UUID id,
        long seq,
        UUID pathwayId,
        EventType type,
        LocalDate occurredOn,
        Instant recordedAt,
        OrganisationKind recorderKind,
        String recorderId,
        UUID targetEventId,
        EventData.Payload data) {

    public boolean recordedBy(OrganisationKind kind, String id) {
        return recorderKind == kind && recorderId.equals(id);
    }

    StoredEvent withSeq(long stored) {
        return new StoredEvent(id, stored, pathwayId, type, occurredOn, recordedAt, recorderKind, recorderId, targetEventId, data);
    }
}
