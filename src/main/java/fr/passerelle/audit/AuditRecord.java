package fr.passerelle.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One access to personal data. Append-only: the database refuses updates and deletes from the application. */
@Entity
@Immutable
@Table(name = "audit_record")
public class AuditRecord {

    @Id
    UUID id;

    Instant recordedAt;

    String subject;

    String organisationId;

    String role;

    String operation;

    String endpoint;

    String purpose;

    String outcome;

    @JdbcTypeCode(SqlTypes.ARRAY)
    UUID[] pathwayIds;

    String correlationId;
}
