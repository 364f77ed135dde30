package fr.passerelle.partner;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A national organisation whose staff use the reporting, admin or dpo role. */
@Entity
@Table(name = "national_body")
public class NationalBody {

    @Id
    String code;

    String name;

    boolean operator;

    boolean active;
}
