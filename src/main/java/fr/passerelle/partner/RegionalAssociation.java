package fr.passerelle.partner;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A regional association of Missions Locales (ARML). Never deleted: practice sheets name it as author; deactivated instead. */
@Entity
@Table(name = "regional_association")
public class RegionalAssociation {

    @Id
    String code;

    String name;

    String regionCode;

    boolean active;

    @Version
    long version;

    Instant createdAt;

    Instant updatedAt;
}
