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
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The pseudonymised export for observation work (in the spirit of the national observatory's
 * longitudinal data): for one year, one row per young person and step of that year, with an HMAC
 * pseudonym scoped to the recipient and the year, the birth month (or a coarser period), the
 * collectivity (or a coarser territory), the step's type and its month (or a coarser period). Never a
 * name, a reference, free text, event data or a Mission Locale. k-anonymous on the collectivity and
 * birth date, and every (class, step type, period) cell holds at least k young people (see
 * {@link KAnonymity}). Every export is recorded in the audit trail with the pathways it holds.
 */
@Startup
@ApplicationScoped
public class ObservationService {

    static final List<String> COLUMNS = List.of("pseudonym", "birth", "birthPrecision", "territory", "territoryLevel", "stepType",
            "stepPeriod", "stepPrecision");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int FIRST_YEAR = 2000;
    public static final int MIN_K = 11;

    /** One young person of the file: the pseudonym, the published quasi-identifiers and steps. */
    record Line(String pseudonym, KAnonymity.Published person, List<KAnonymity.PublishedStep> steps) {
    }

    /**
     * What the k-anonymity decided, and the rows to write. The file itself is never held: {@link #writeTo}
     * writes it row by row into the response.
     */
    public record Export(int k, List<Line> lines, int suppressed, int coarsenedSteps, int droppedSteps) {

        public int pathways() {
            return lines.size();
        }

        /** Writes the CSV; the header line is flushed at once, so the answer is chunked from its start. */
        public void writeTo(OutputStream output) throws IOException {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            StringBuilder row = new StringBuilder();
            Csv.appendRow(row, COLUMNS);
            writer.write(row.toString());
            writer.flush();
            for (Line line : lines) {
                for (KAnonymity.PublishedStep step : line.steps()) {
                    row.setLength(0);
                    Csv.appendRow(row, List.of(line.pseudonym(), line.person().birth(), line.person().birthPrecision().name(),
                            line.person().territory(), line.person().territoryLevel().name(), step.type(), step.period(),
                            step.precision().name()));
                    writer.write(row.toString());
                }
            }
            writer.flush();
        }
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
        checkK(config.k());
        this.clock = clock;
    }

    /** Below 11, a class is small enough for the people around a young person to recognise them. */
    static void checkK(int k) {
        if (k < MIN_K) {
            throw new IllegalArgumentException("passerelle.observation.k (PASSERELLE_OBSERVATION_K) must be at least " + MIN_K);
        }
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
        Pseudonymiser.Keyed pseudonyms = pseudonymiser.forRecipient(caller.organisationId(), year).orElseThrow(() -> ApiException.forbidden(
                "No pseudonymisation key is configured for " + caller.organisationId() + ": ask the platform operator."));
        Map<String, String> regions = departements.list(null).stream()
                .collect(Collectors.toMap(DepartementView::code, departement -> departement.region().code()));
        List<KAnonymity.Subject> subjects = new ArrayList<>();
        Map<UUID, List<KAnonymity.Step>> steps = new HashMap<>();
        for (PathwayObservationService.ObservedPathway pathway : pathways.pathwaysOfYear(year)) {
            subjects.add(new KAnonymity.Subject(pathway.id(), pathway.departementCode(),
                    regions.getOrDefault(pathway.departementCode(), KAnonymity.NATION), YearMonth.from(pathway.birthDate())));
            steps.put(pathway.id(), pathway.steps().stream()
                    .map(step -> new KAnonymity.Step(step.type(), YearMonth.from(step.occurredOn()))).toList());
        }
        KAnonymity.Result result = KAnonymity.apply(subjects, config.k());
        KAnonymity.Steps published = KAnonymity.coarsenSteps(result.published(), steps, config.k());

        List<Line> lines = new ArrayList<>();
        for (KAnonymity.Published person : result.published()) {
            List<KAnonymity.PublishedStep> ofPerson = published.published().get(person.subject().id());
            if (ofPerson != null) {
                List<KAnonymity.PublishedStep> sorted = new ArrayList<>(ofPerson);
                sorted.sort(Comparator.comparing(KAnonymity.PublishedStep::period).thenComparing(KAnonymity.PublishedStep::type));
                lines.add(new Line(pseudonyms.of(person.subject().id()), person, sorted));
            }
        }
        // Ordered by pseudonym: no order of the file follows the ids, the collectivities or the recording.
        lines.sort(Comparator.comparing(Line::pseudonym));
        audit.record(caller, AuditService.Operation.EXPORT, lines.stream().map(line -> line.person().subject().id()).toList());
        int leftOut = result.suppressed().size() + result.published().size() - lines.size();
        return new Export(config.k(), lines, leftOut, published.coarsened(), published.dropped());
    }
}
