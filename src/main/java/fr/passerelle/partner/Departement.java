package fr.passerelle.partner;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A member of Départements de France: a département or a collectivity with departmental competence. */
@Entity
@Table(name = "departement")
public class Departement {

    @Id
    String code;

    String name;

    @Enumerated(EnumType.STRING)
    DepartementKind kind;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "region_code")
    Region region;

    boolean active;
}
