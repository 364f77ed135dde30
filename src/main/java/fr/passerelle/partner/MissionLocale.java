package fr.passerelle.partner;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A Mission Locale. Never deleted: pathways refer to it; it is deactivated instead. */
@Entity
@Table(name = "mission_locale")
public class MissionLocale {

    @Id
    UUID id;

    String name;

    String siret;

    String departementCode;

    String regionalAssociation;

    boolean active;

    @Version
    long version;

    Instant createdAt;

    Instant updatedAt;
}
