package fr.passerelle.indicator;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One frozen version of a collectivity's annual report (fiche annexée). Immutable: a revision is
 * a new version. The figures are stored as they were published, exact and masked, so that a
 * download never recomputes them.
 */
@Entity
@Immutable
@Table(name = "indicator_report")
public class IndicatorReport {

    @Id
    UUID id;

    String departementCode;

    int year;

    int version;

    String reason;

    Instant frozenAt;

    String frozenByRole;

    String frozenByOrganisation;

    String frozenBySubject;

    @JdbcTypeCode(SqlTypes.JSON)
    String exactFigures;

    @JdbcTypeCode(SqlTypes.JSON)
    String maskedFigures;
}
