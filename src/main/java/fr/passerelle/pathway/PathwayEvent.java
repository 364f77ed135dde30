package fr.passerelle.pathway;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A recorded event; immutable. Inserted in batches by {@link PathwayEventRepository}. */
@Entity
@Immutable
@Table(name = "pathway_event")
public class PathwayEvent {

    @Id
    UUID id;

    long seq;

    UUID pathwayId;

    String type;

    LocalDate occurredOn;

    Instant occurredAt;

    Instant recordedAt;

    String recorderKind;

    String recorderId;

    String recorderSubject;

    String source;

    String sourceId;

    UUID targetEventId;

    @JdbcTypeCode(SqlTypes.JSON)
    String data;
}
