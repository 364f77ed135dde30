package fr.passerelle.partner;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** A local convention between a collectivity and one or more of its Missions Locales. */
@Entity
@Table(name = "local_convention")
public class LocalConvention {

    @Id
    UUID id;

    String departementCode;

    String title;

    @Enumerated(EnumType.STRING)
    ConventionStatus status;

    LocalDate signedOn;

    LocalDate startsOn;

    LocalDate endsOn;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "local_convention_party", joinColumns = @JoinColumn(name = "convention_id"))
    @Column(name = "mission_locale_id")
    Set<UUID> missionLocaleIds = new LinkedHashSet<>();

    @Version
    long version;

    Instant createdAt;

    Instant updatedAt;
}
