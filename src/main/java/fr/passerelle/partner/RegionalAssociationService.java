package fr.passerelle.partner;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.web.ETags;
import fr.passerelle.platform.web.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Regional associations of Missions Locales: the platform operator maintains them, every caller reads them. */
@ApplicationScoped
public class RegionalAssociationService {

    private final RegionalAssociationRepository associations;
    private final Clock clock;

    public RegionalAssociationService(RegionalAssociationRepository associations, Clock clock) {
        this.associations = associations;
        this.clock = clock;
    }

    @Transactional
    public List<RegionalAssociationView> list() {
        return associations.list("order by code").stream().map(RegionalAssociationView::of).toList();
    }

    @Transactional
    public Optional<Versioned<RegionalAssociationView>> get(String code) {
        return associations.findByIdOptional(code).map(entity -> new Versioned<>(RegionalAssociationView.of(entity), entity.version));
    }

    @Transactional
    public Versioned<RegionalAssociationView> create(RegionalAssociationRequest request) {
        if (associations.findByIdOptional(request.code()).isPresent()) {
            throw ApiException.conflict("A regional association " + request.code() + " already exists.");
        }
        RegionalAssociation entity = new RegionalAssociation();
        entity.code = request.code();
        entity.createdAt = Instant.now(clock);
        apply(entity, request);
        associations.persist(entity);
        associations.flush();
        return new Versioned<>(RegionalAssociationView.of(entity), entity.version);
    }

    @Transactional
    public Versioned<RegionalAssociationView> replace(String code, String ifMatch, RegionalAssociationRequest request) {
        RegionalAssociation entity = associations.findByIdOptional(code)
                .orElseThrow(() -> ApiException.notFound("No regional association " + code + "."));
        ETags.requireMatch(ifMatch, ETags.of(entity.version));
        if (!request.code().equals(code)) {
            throw ApiException.invalid("/code", "must be the code in the path: a code never changes");
        }
        apply(entity, request);
        associations.flush();
        return new Versioned<>(RegionalAssociationView.of(entity), entity.version);
    }

    private void apply(RegionalAssociation entity, RegionalAssociationRequest request) {
        if (associations.getEntityManager().find(Region.class, request.regionCode()) == null) {
            throw ApiException.invalid("/regionCode", "unknown region code '" + request.regionCode() + "'");
        }
        entity.name = request.name().trim();
        entity.regionCode = request.regionCode();
        entity.active = request.active() == null || request.active();
        entity.updatedAt = Instant.now(clock);
    }
}
