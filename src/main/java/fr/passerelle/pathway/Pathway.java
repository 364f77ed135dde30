package fr.passerelle.pathway;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A young person's pathway: the pseudonymous key used everywhere, its owner, and the state derived
 * from its events with the columns lists filter on. Written only by the event write path.
 */
@Entity
@Table(name = "pathway")
public class Pathway {

    @Id
    UUID id;

    String departementCode;

    String caseReference;

    LocalDate birthDate;

    long version;

    @JdbcTypeCode(SqlTypes.JSON)
    String state;

    String aseStatus;

    String cejStatus;

    String consentStatus;

    LocalDate solicitedOn;

    LocalDate firstContactOn;

    LocalDate registeredOn;

    LocalDate jointReviewOn;

    LocalDate diagnosticOn;

    LocalDate autonomyProjectOn;

    LocalDate cejProposedOn;

    LocalDate lastEventOn;

    LocalDate aseEndedOn;

    Instant erasedAt;

    Instant createdAt;

    Instant updatedAt;
}
