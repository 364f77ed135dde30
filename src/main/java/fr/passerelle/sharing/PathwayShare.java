package fr.passerelle.sharing;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A pathway shared with a Mission Locale, derived from the pathway's state; never written otherwise. */
@Entity
@Table(name = "pathway_share")
@IdClass(PathwayShare.Key.class)
public class PathwayShare {

    @Id
    UUID missionLocaleId;

    @Id
    UUID pathwayId;

    String status;

    LocalDate solicitedOn;

    LocalDate endedOn;

    LocalDate firstContactOn;

    LocalDate registeredOn;

    String missionLocaleReference;

    LocalDate diagnosticOn;

    String cejStatus;

    int jointStepsToConfirm;

    Instant updatedAt;

    /** Primary key. */
    public record Key(UUID missionLocaleId, UUID pathwayId) implements Serializable {
    }
}
