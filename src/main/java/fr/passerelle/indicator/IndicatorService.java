package fr.passerelle.indicator;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the indicators. A collectivity reads its own figures exactly, a Mission Locale its own;
 * the reporting role and the platform operator read every level with small-cell protection.
 * Nobody reads another organisation's exact figures: a collectivity or Mission Locale asking for
 * any other scope gets 403, since a masked table it could set against its own exact figures would
 * let it subtract its way to someone else's small counts.
 */
@ApplicationScoped
public class IndicatorService {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** A resolved request: which scope, and whether the caller sees it exactly. */
    record Target(Level level, String code, boolean exact) {
    }

    private final IndicatorCountRepository counts;
    private final MaskedYearCache masked;
    private final IndicatorGeography geography;
    private final IndicatorConfig config;
    private final Clock clock;

    public IndicatorService(IndicatorCountRepository counts, MaskedYearCache masked, IndicatorGeography geography,
            IndicatorConfig config, Clock clock) {
        this.counts = counts;
        this.masked = masked;
        this.geography = geography;
        this.config = config;
        this.clock = clock;
    }

    /** Masked reads run outside any transaction when the year's masks are current; exact ones read one scope. */
    public IndicatorTable table(Caller caller, String year, String level, String code) {
        int y = year(year, "year");
        Target target = target(caller, level, code);
        return target.exact() ? QuarkusTransaction.joiningExisting().call(() -> table(y, target)) : masked.get(y).table(target.level(),
                target.code());
    }

    public IndicatorSeries series(Caller caller, String from, String to, String level, String code) {
        int first = year(from, "from");
        int last = year(to, "to");
        if (last < first) {
            throw parameter("to", "must not be before from");
        }
        if (last - first + 1 > config.maxSeriesYears()) {
            throw parameter("to", "a series covers at most " + config.maxSeriesYears() + " years");
        }
        Target target = target(caller, level, code);
        List<IndicatorTable> years = new ArrayList<>();
        if (target.exact()) {
            List<IndicatorCountRepository.Row> rows = QuarkusTransaction.joiningExisting()
                    .call(() -> counts.scope(first, last, target.level(), target.code()));
            for (int y = first; y <= last; y++) {
                int current = y;
                years.add(IndicatorTables.exact(y, target.level(), target.code(),
                        MaskedYear.group(rows.stream().filter(row -> row.year() == current).toList())
                                .getOrDefault(new MaskedYear.Scope(target.level(), target.code()), new ScopeCounts())));
            }
        } else {
            for (int y = first; y <= last; y++) {
                years.add(masked.get(y).table(target.level(), target.code()));
            }
        }
        return new IndicatorSeries(target.level(), target.code(),
                target.exact() ? IndicatorTable.View.EXACT : IndicatorTable.View.MASKED, years);
    }

    /**
     * Every collectivity's masked totals and rates of a year, for the reporting role and the platform
     * operator: the same masks as each collectivity's masked table, so nothing more is published.
     */
    public DepartementComparison comparison(Caller caller, String year) {
        int y = year(year, "year");
        if (!caller.is(Role.REPORTING) && !caller.is(Role.ADMIN)) {
            throw ApiException.forbidden("Only national readers compare collectivities.");
        }
        MaskedYear figures = masked.get(y);
        List<DepartementComparison.Entry> entries = new ArrayList<>();
        for (String code : geography.departementCodes()) {
            IndicatorTable table = figures.table(Level.DEPARTEMENT, code);
            entries.add(new DepartementComparison.Entry(code, geography.nameOf(code), geography.regionOf(code),
                    table.measures().stream().map(measure -> new DepartementComparison.Total(measure.measure(),
                            measure.total().value(), measure.total().masked())).toList(), table.rates()));
        }
        return new DepartementComparison(y, IndicatorTable.View.MASKED, config.maskingThreshold(), entries);
    }

    /** The masked tables of every collectivity for a year, in code order (for the comparison's CSV). */
    List<IndicatorTable> departementTables(int year) {
        MaskedYear figures = masked.get(year);
        return geography.departementCodes().stream().map(code -> figures.table(Level.DEPARTEMENT, code)).toList();
    }

    /** A collectivity's exact figures, for its annual report; inside the caller's transaction. */
    IndicatorTable exactDepartement(int year, String departementCode) {
        return table(year, new Target(Level.DEPARTEMENT, departementCode, true));
    }

    /** A collectivity's masked figures as everyone else sees them now; inside the caller's transaction. */
    IndicatorTable maskedDepartement(int year, String departementCode) {
        return table(year, new Target(Level.DEPARTEMENT, departementCode, false));
    }

    private IndicatorTable table(int year, Target target) {
        if (!target.exact()) {
            return masked.get(year).table(target.level(), target.code());
        }
        ScopeCounts scopeCounts = MaskedYear.group(counts.scope(year, year, target.level(), target.code()))
                .getOrDefault(new MaskedYear.Scope(target.level(), target.code()), new ScopeCounts());
        return IndicatorTables.exact(year, target.level(), target.code(), scopeCounts);
    }

    /**
     * Resolves the scope asked for. Without a level, a collectivity or Mission Locale gets its
     * own figures and the others the national ones.
     */
    Target target(Caller caller, String levelName, String code) {
        Level level = null;
        if (levelName != null) {
            try {
                level = Level.valueOf(levelName.trim());
            } catch (IllegalArgumentException e) {
                throw parameter("level", "must be one of NATION, REGION, DEPARTEMENT, MISSION_LOCALE");
            }
        }
        if (level == null) {
            if (code != null) {
                throw parameter("level", "required when code is given");
            }
            level = switch (caller.role()) {
                case DEPARTEMENT -> Level.DEPARTEMENT;
                case MISSION_LOCALE -> Level.MISSION_LOCALE;
                default -> Level.NATION;
            };
            code = level == Level.NATION ? null : caller.organisationId();
        }
        String scope = scope(level, code);
        boolean own = caller.is(Role.DEPARTEMENT) && level == Level.DEPARTEMENT && scope.equals(caller.organisationId())
                || caller.is(Role.MISSION_LOCALE) && level == Level.MISSION_LOCALE && scope.equals(caller.organisationId());
        if (own) {
            return new Target(level, scope, true);
        }
        if (caller.is(Role.REPORTING) || caller.is(Role.ADMIN)) {
            return new Target(level, scope, false);
        }
        throw ApiException.forbidden(caller.is(Role.DEPARTEMENT)
                ? "A collectivity reads only its own figures (level DEPARTEMENT, code " + caller.organisationId() + ")."
                : caller.is(Role.MISSION_LOCALE)
                        ? "A Mission Locale reads only its own figures (level MISSION_LOCALE, code " + caller.organisationId() + ")."
                        : "This role does not read indicators.");
    }

    /** Checks that the scope exists: 404 otherwise. */
    private String scope(Level level, String code) {
        switch (level) {
            case NATION -> {
                if (code != null && !code.equals(Level.NATION_CODE)) {
                    throw ApiException.notFound("The national level has the single code " + Level.NATION_CODE + ".");
                }
                return Level.NATION_CODE;
            }
            case REGION -> {
                if (code == null) {
                    throw parameter("code", "required: an INSEE region code");
                }
                if (!geography.isRegion(code)) {
                    throw ApiException.notFound("No region " + code + ".");
                }
                return code;
            }
            case DEPARTEMENT -> {
                if (code == null) {
                    throw parameter("code", "required: a collectivity code");
                }
                if (!geography.isDepartement(code)) {
                    throw ApiException.notFound("No collectivity " + code + ".");
                }
                return code;
            }
            default -> {
                if (code == null) {
                    throw parameter("code", "required: a Mission Locale id");
                }
                UUID id;
                try {
                    id = UUID.fromString(code);
                } catch (IllegalArgumentException e) {
                    throw ApiException.notFound("No Mission Locale " + code + ".");
                }
                if (!geography.isMissionLocale(id)) {
                    throw ApiException.notFound("No Mission Locale " + code + ".");
                }
                return id.toString();
            }
        }
    }

    /** A year parameter: an integer from the first configured year to the current year (Europe/Paris). */
    int year(String value, String name) {
        int current = LocalDate.now(clock.withZone(PARIS)).getYear();
        if (value == null || value.isBlank()) {
            throw parameter(name, "required: a year from " + config.firstYear() + " to " + current);
        }
        int year;
        try {
            year = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw parameter(name, "must be a year from " + config.firstYear() + " to " + current);
        }
        if (year < config.firstYear() || year > current) {
            throw parameter(name, "must be a year from " + config.firstYear() + " to " + current);
        }
        return year;
    }

    int firstYear() {
        return config.firstYear();
    }

    int currentYear() {
        return LocalDate.now(clock.withZone(PARIS)).getYear();
    }

    private static ApiException parameter(String name, String detail) {
        return new ApiException(ProblemType.MALFORMED_REQUEST, name + ": " + detail,
                List.of(Problem.FieldError.atParameter(name, detail)));
    }
}
