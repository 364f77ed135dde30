package fr.passerelle.observation;

import fr.passerelle.audit.AuditService;
import fr.passerelle.partner.DepartementService;
import fr.passerelle.partner.DepartementView;
import fr.passerelle.pathway.PathwayObservationService;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Csv;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The pseudonymised export for observation work (in the spirit of the national observatory's
 * longitudinal data): for one year, one row per young person and step of that year, with an HMAC
 * pseudonym keyed for the recipient, the birth month (or a coarser period), the collectivity (or a
 * coarser territory), the step's type and its month. Never a name, a reference, free text, event
 * data or a Mission Locale. k-anonymous on the collectivity and birth date (see {@link KAnonymity}).
 * Every export is recorded in the audit trail with the pathways it holds.
 */
@ApplicationScoped
public class ObservationService {

    static final List<String> COLUMNS = List.of("pseudonym", "birth", "birthPrecision", "territory", "territoryLevel", "stepType",
            "stepMonth");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int FIRST_YEAR = 2000;

    /** The file and what the k-anonymity did. */
    public record Export(String csv, int k, int pathways, int suppressed) {
    }

    private final PathwayObservationService pathways;
    private final DepartementService departements;
    private final AuditService audit;
    private final ObservationConfig config;
    private final Pseudonymiser pseudonymiser;
    private final Clock clock;

    public ObservationService(PathwayObservationService pathways, DepartementService departements, AuditService audit,
            ObservationConfig config, Clock clock) {
        this.pathways = pathways;
        this.departements = departements;
        this.audit = audit;
        this.config = config;
        this.pseudonymiser = Pseudonymiser.of(config.recipientKeys().orElse(List.of()));
        this.clock = clock;
    }

    @Transactional
    public Export export(Caller caller, int year) {
        if (!caller.is(Role.REPORTING)) {
            throw ApiException.forbidden("Only the reporting role receives observation exports.");
        }
        int thisYear = LocalDate.now(clock.withZone(PARIS)).getYear();
        if (year < FIRST_YEAR || year > thisYear) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "year must be from " + FIRST_YEAR + " to " + thisYear + ".",
                    List.of(Problem.FieldError.atParameter("year", "from " + FIRST_YEAR + " to " + thisYear)));
        }
        Pseudonymiser.Keyed pseudonyms = pseudonymiser.forRecipient(caller.organisationId()).orElseThrow(() -> ApiException.forbidden(
                "No pseudonymisation key is configured for " + caller.organisationId() + ": ask the platform operator."));
        Map<String, String> regions = departements.list(null).stream()
                .collect(Collectors.toMap(DepartementView::code, departement -> departement.region().code()));
        List<PathwayObservationService.ObservedPathway> observed = pathways.pathwaysOfYear(year);
        Map<UUID, PathwayObservationService.ObservedPathway> byId = observed.stream()
                .collect(Collectors.toMap(PathwayObservationService.ObservedPathway::id, pathway -> pathway));
        List<KAnonymity.Subject> subjects = observed.stream().map(pathway -> new KAnonymity.Subject(pathway.id(),
                pathway.departementCode(), regions.getOrDefault(pathway.departementCode(), KAnonymity.NATION),
                YearMonth.from(pathway.birthDate()))).toList();
        KAnonymity.Result result = KAnonymity.apply(subjects, config.k());

        List<List<String>> rows = new ArrayList<>();
        for (KAnonymity.Published person : result.published()) {
            String pseudonym = pseudonyms.of(person.subject().id());
            for (PathwayObservationService.ObservedStep step : byId.get(person.subject().id()).steps()) {
                rows.add(List.of(pseudonym, person.birth(), person.birthPrecision().name(), person.territory(),
                        person.territoryLevel().name(), step.type(), YearMonth.from(step.occurredOn()).toString()));
            }
        }
        // Ordered by pseudonym: no order of the file follows the ids, the collectivities or the recording.
        rows.sort(Comparator.<List<String>, String>comparing(row -> row.get(0)).thenComparing(row -> row.get(6))
                .thenComparing(row -> row.get(5)));
        StringBuilder csv = new StringBuilder();
        Csv.appendRow(csv, COLUMNS);
        rows.forEach(row -> Csv.appendRow(csv, row));
        audit.record(caller, AuditService.Operation.EXPORT, result.published().stream().map(person -> person.subject().id()).toList());
        return new Export(csv.toString(), config.k(), result.published().size(), result.suppressed().size());
    }
}
