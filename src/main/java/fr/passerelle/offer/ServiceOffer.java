package fr.passerelle.offer;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One offer of services of a collectivity or a Mission Locale. Holds no personal data. */
@Entity
@Table(name = "service_offer")
public class ServiceOffer {

    @Id
    UUID id;

    String ownerKind;

    String ownerId;

    String reference;

    String title;

    String description;

    @Enumerated(EnumType.STRING)
    Theme theme;

    @JdbcTypeCode(SqlTypes.ARRAY)
    String[] audiences;

    short minAge;

    short maxAge;

    @JdbcTypeCode(SqlTypes.ARRAY)
    String[] communes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    String[] epcis;

    String contactService;

    String contactEmail;

    String contactPhone;

    String contactUrl;

    LocalDate validFrom;

    LocalDate validUntil;

    @Version
    long version;

    Instant createdAt;

    Instant updatedAt;
}
