package fr.passerelle.partner;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RegionalAssociationRepository implements PanacheRepositoryBase<RegionalAssociation, String> {
}
