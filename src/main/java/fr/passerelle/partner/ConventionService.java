package fr.passerelle.partner;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.OrganisationKind;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.ETags;
import fr.passerelle.platform.web.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Local conventions: the platform operator records them, the collectivity and the Missions Locales
 * party to one read it. Anyone else gets 404, as if it did not exist.
 */
@ApplicationScoped
public class ConventionService {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final LocalConventionRepository conventions;
    private final MissionLocaleRepository missionsLocales;
    private final DepartementRepository departements;
    private final Clock clock;

    public ConventionService(LocalConventionRepository conventions, MissionLocaleRepository missionsLocales,
            DepartementRepository departements, Clock clock) {
        this.conventions = conventions;
        this.missionsLocales = missionsLocales;
        this.departements = departements;
        this.clock = clock;
    }

    @Transactional
    public List<ConventionView> list(Caller caller) {
        List<LocalConvention> rows = switch (caller.role()) {
            case DEPARTEMENT -> conventions.visible(caller.organisationId(), null);
            case MISSION_LOCALE -> conventions.visible(null, UUID.fromString(caller.organisationId()));
            default -> conventions.visible(null, null);
        };
        LocalDate today = today();
        return rows.stream().map(entity -> ConventionView.of(entity, today)).toList();
    }

    /** Every local convention of a collectivity, oldest start first, for its progress review (the caller's access is checked there). */
    @Transactional
    public List<ConventionView> ofDepartement(String departementCode) {
        LocalDate today = today();
        return conventions.visible(departementCode, null).stream().map(entity -> ConventionView.of(entity, today)).toList();
    }

    @Transactional
    public Optional<Versioned<ConventionView>> get(Caller caller, UUID id) {
        return conventions.findByIdOptional(id)
                .filter(entity -> mayRead(caller, entity))
                .map(entity -> new Versioned<>(ConventionView.of(entity, today()), entity.version));
    }

    @Transactional
    public Versioned<ConventionView> create(ConventionRequest request) {
        LocalConvention entity = new LocalConvention();
        entity.id = UUID.randomUUID();
        entity.createdAt = Instant.now(clock);
        apply(entity, request);
        conventions.persist(entity);
        conventions.flush();
        return new Versioned<>(ConventionView.of(entity, today()), entity.version);
    }

    @Transactional
    public Versioned<ConventionView> replace(UUID id, String ifMatch, ConventionRequest request) {
        LocalConvention entity = conventions.findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("No local convention " + id + "."));
        ETags.requireMatch(ifMatch, ETags.of(entity.version));
        apply(entity, request);
        conventions.flush();
        return new Versioned<>(ConventionView.of(entity, today()), entity.version);
    }

    private void apply(LocalConvention entity, ConventionRequest request) {
        if (departements.findByIdOptional(request.departementCode()).isEmpty()) {
            throw ApiException.invalid("/departementCode", "unknown département code '" + request.departementCode() + "'");
        }
        for (int i = 0; i < request.missionLocaleIds().size(); i++) {
            UUID missionLocaleId = request.missionLocaleIds().get(i);
            if (missionsLocales.findByIdOptional(missionLocaleId).isEmpty()) {
                throw ApiException.invalid("/missionLocaleIds/" + i, "unknown Mission Locale " + missionLocaleId);
            }
        }
        if (request.endsOn() != null && request.endsOn().isBefore(request.startsOn())) {
            throw ApiException.invalid("/endsOn", "must not be before startsOn");
        }
        if (request.status() != ConventionStatus.DRAFT && request.signedOn() == null) {
            throw ApiException.invalid("/signedOn", "is required once the convention is signed");
        }
        entity.departementCode = request.departementCode();
        entity.missionLocaleIds = new LinkedHashSet<>(request.missionLocaleIds());
        entity.title = request.title().trim();
        entity.status = request.status();
        entity.signedOn = request.signedOn();
        entity.startsOn = request.startsOn();
        entity.endsOn = request.endsOn();
        entity.updatedAt = Instant.now(clock);
    }

    private static boolean mayRead(Caller caller, LocalConvention entity) {
        if (caller.is(Role.ADMIN)) {
            return true;
        }
        if (caller.role().organisationKind() == OrganisationKind.DEPARTEMENT) {
            return entity.departementCode.equals(caller.organisationId());
        }
        return caller.is(Role.MISSION_LOCALE) && entity.missionLocaleIds.contains(UUID.fromString(caller.organisationId()));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(PARIS));
    }
}
