package fr.passerelle.partner;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.web.Csv;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.web.ImportOutcome;
import fr.passerelle.platform.web.ETags;
import fr.passerelle.platform.web.Page;
import fr.passerelle.platform.web.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The directory of Missions Locales: the platform operator maintains it, every caller reads it. */
@ApplicationScoped
public class MissionLocaleService {

    static final List<String> CSV_COLUMNS = List.of("name", "siret", "departementCode", "regionalAssociation", "active");

    private final MissionLocaleRepository missionsLocales;
    private final DepartementRepository departements;

    public MissionLocaleService(MissionLocaleRepository missionsLocales, DepartementRepository departements) {
        this.missionsLocales = missionsLocales;
        this.departements = departements;
    }

    /** Listing filters; null means no filter. */
    public record Filter(String departementCode, String regionCode, String regionalAssociation, Boolean active, String nameContains) {
    }

    @Transactional
    public Page<MissionLocaleView> list(Filter filter, String cursor, int limit) {
        Cursor.TextAndId after = Cursor.TextAndId.decode(cursor);
        List<MissionLocale> rows = missionsLocales.page(new MissionLocaleRepository.Filter(filter.departementCode(),
                filter.regionCode(), filter.regionalAssociation(), filter.active(), filter.nameContains()),
                after == null ? null : after.text(), after == null ? null : after.id(), limit + 1);
        return Page.of(rows, limit, MissionLocaleView::of, last -> new Cursor.TextAndId(last.name, last.id).encode());
    }

    @Transactional
    public Optional<Versioned<MissionLocaleView>> get(UUID id) {
        return missionsLocales.findByIdOptional(id).map(entity -> new Versioned<>(MissionLocaleView.of(entity), entity.version));
    }

    /** Which of these Missions Locales exist and are active. */
    @Transactional
    public Set<UUID> activeAmong(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return missionsLocales.list("id in ?1 and active = true", ids).stream().map(entity -> entity.id).collect(Collectors.toSet());
    }

    @Transactional
    public Versioned<MissionLocaleView> create(MissionLocaleRequest request) {
        requireDepartement(request.departementCode());
        if (missionsLocales.findBySiret(request.siret()).isPresent()) {
            throw ApiException.conflict("A Mission Locale with SIRET " + request.siret() + " already exists.");
        }
        MissionLocale entity = new MissionLocale();
        entity.id = UUID.randomUUID();
        entity.createdAt = Instant.now();
        apply(entity, request);
        missionsLocales.persist(entity);
        missionsLocales.flush();
        return new Versioned<>(MissionLocaleView.of(entity), entity.version);
    }

    @Transactional
    public Versioned<MissionLocaleView> replace(UUID id, String ifMatch, MissionLocaleRequest request) {
        MissionLocale entity = missionsLocales.findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("No Mission Locale " + id + "."));
        ETags.requireMatch(ifMatch, ETags.of(entity.version));
        requireDepartement(request.departementCode());
        missionsLocales.findBySiret(request.siret()).filter(other -> !other.id.equals(id)).ifPresent(other -> {
            throw ApiException.conflict("Another Mission Locale has SIRET " + request.siret() + ".");
        });
        apply(entity, request);
        missionsLocales.flush();
        return new Versioned<>(MissionLocaleView.of(entity), entity.version);
    }

    /**
     * Creates or updates Missions Locales by SIRET from an RFC 4180 CSV file. All or nothing: one
     * invalid line rejects the file, and every invalid line is reported.
     */
    @Transactional
    public ImportReport importCsv(String text) {
        List<Csv.Row> rows = Csv.parse(text).stream()
                .filter(row -> !(row.fields().size() == 1 && row.fields().get(0).isBlank()))
                .toList();
        if (rows.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The file is empty; expected the header " + String.join(",", CSV_COLUMNS) + ".",
                    List.of(Problem.FieldError.atLine(1, "", "missing header")));
        }
        Map<String, Integer> columns = header(rows.get(0));
        Set<String> knownDepartements = departements.streamAll().map(d -> d.code).collect(Collectors.toSet());
        List<Problem.FieldError> errors = new ArrayList<>();
        List<ParsedLine> parsed = new ArrayList<>();
        Map<String, Integer> firstLineBySiret = new HashMap<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            ParsedLine line = parseLine(row, columns, knownDepartements, errors);
            if (line == null) {
                continue;
            }
            Integer first = firstLineBySiret.putIfAbsent(line.request().siret(), row.line());
            if (first != null) {
                errors.add(Problem.FieldError.atLine(row.line(), "/siret", "SIRET already given on line " + first));
            } else {
                parsed.add(line);
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED,
                    errors.size() + " error(s) in the file; nothing was imported.", errors);
        }
        Map<String, MissionLocale> existing = missionsLocales
                .findBySirets(parsed.stream().map(line -> line.request().siret()).toList())
                .stream().collect(Collectors.toMap(entity -> entity.siret, Function.identity()));
        List<ImportReport.Line> report = new ArrayList<>();
        Instant now = Instant.now();
        for (ParsedLine line : parsed) {
            MissionLocale entity = existing.get(line.request().siret());
            ImportOutcome outcome;
            if (entity == null) {
                entity = new MissionLocale();
                entity.id = UUID.randomUUID();
                entity.createdAt = now;
                apply(entity, line.request());
                missionsLocales.persist(entity);
                outcome = ImportOutcome.CREATED;
            } else if (sameAs(entity, line.request())) {
                outcome = ImportOutcome.UNCHANGED;
            } else {
                apply(entity, line.request());
                outcome = ImportOutcome.UPDATED;
            }
            report.add(new ImportReport.Line(line.line(), entity.siret, entity.id, outcome));
        }
        return ImportReport.of(report);
    }

    private record ParsedLine(int line, MissionLocaleRequest request) {
    }

    private static Map<String, Integer> header(Csv.Row header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            columns.put(header.fields().get(i).trim(), i);
        }
        List<String> missing = CSV_COLUMNS.stream().filter(column -> !columns.containsKey(column)).toList();
        if (!missing.isEmpty() || columns.size() != CSV_COLUMNS.size()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED,
                    "The header must name the columns " + String.join(",", CSV_COLUMNS) + "; nothing was imported.",
                    List.of(Problem.FieldError.atLine(1, "", "expected columns " + String.join(",", CSV_COLUMNS))));
        }
        return columns;
    }

    private static ParsedLine parseLine(Csv.Row row, Map<String, Integer> columns, Set<String> knownDepartements,
            List<Problem.FieldError> errors) {
        if (row.fields().size() != CSV_COLUMNS.size()) {
            errors.add(Problem.FieldError.atLine(row.line(), "",
                    "expected " + CSV_COLUMNS.size() + " fields, found " + row.fields().size()));
            return null;
        }
        int before = errors.size();
        String name = field(row, columns, "name");
        String siret = field(row, columns, "siret");
        String departementCode = field(row, columns, "departementCode");
        String association = field(row, columns, "regionalAssociation");
        String active = field(row, columns, "active");
        if (name.isEmpty() || name.length() > 200) {
            errors.add(Problem.FieldError.atLine(row.line(), "/name", "must be 1 to 200 characters"));
        }
        if (!Siret.Validator.isValid(siret)) {
            errors.add(Problem.FieldError.atLine(row.line(), "/siret", "must be 14 digits with a valid check digit (SIRET)"));
        }
        if (!knownDepartements.contains(departementCode)) {
            errors.add(Problem.FieldError.atLine(row.line(), "/departementCode", "unknown département code '" + departementCode + "'"));
        }
        if (association.isEmpty() || association.length() > 200) {
            errors.add(Problem.FieldError.atLine(row.line(), "/regionalAssociation", "must be 1 to 200 characters"));
        }
        if (!(active.isEmpty() || active.equals("true") || active.equals("false"))) {
            errors.add(Problem.FieldError.atLine(row.line(), "/active", "must be true, false or empty (true)"));
        }
        if (errors.size() > before) {
            return null;
        }
        return new ParsedLine(row.line(), new MissionLocaleRequest(name, siret, departementCode, association,
                !active.equals("false")));
    }

    private static String field(Csv.Row row, Map<String, Integer> columns, String column) {
        return row.fields().get(columns.get(column)).trim();
    }


    private static boolean sameAs(MissionLocale entity, MissionLocaleRequest request) {
        return entity.name.equals(request.name()) && entity.departementCode.equals(request.departementCode())
                && entity.regionalAssociation.equals(request.regionalAssociation()) && entity.active == request.activeOrDefault();
    }

    private static void apply(MissionLocale entity, MissionLocaleRequest request) {
        entity.name = request.name().trim();
        entity.siret = request.siret();
        entity.departementCode = request.departementCode();
        entity.regionalAssociation = request.regionalAssociation().trim();
        entity.active = request.activeOrDefault();
        entity.updatedAt = Instant.now();
    }

    private void requireDepartement(String code) {
        if (departements.findByIdOptional(code).isEmpty()) {
            throw ApiException.invalid("/departementCode", "unknown département code '" + code + "'");
        }
    }
}
