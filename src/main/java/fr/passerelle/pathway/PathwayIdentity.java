package fr.passerelle.pathway;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;

/** Identity and contact details of a young person, kept apart from the pathway so that a purge erases them. */
@Entity
@Table(name = "pathway_identity")
public class PathwayIdentity {

    @Id
    UUID pathwayId;

    String departementCode;

    String firstName;

    String lastName;

    LocalDate birthDate;

    String email;

    String phone;

    String matchKey;
}
