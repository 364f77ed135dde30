package fr.passerelle.indicator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.indicator.IndicatorReportViews.Change;
import fr.passerelle.indicator.IndicatorReportViews.FrozenBy;
import fr.passerelle.indicator.IndicatorReportViews.History;
import fr.passerelle.indicator.IndicatorReportViews.Preview;
import fr.passerelle.indicator.IndicatorReportViews.Value;
import fr.passerelle.indicator.IndicatorReportViews.Version;
import fr.passerelle.indicator.IndicatorReportViews.VersionSummary;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Annual reports (fiches annexées). A collectivity, or the platform operator on its behalf,
 * freezes its report for a year once the year is over; each freeze is a new immutable version
 * storing the figures as published that day (exact, and masked as everyone else saw them), so
 * that later events, retractions or purges never change a version. Its reason is required from
 * the second version on.
 * <p>
 * Access: the collectivity reads its reports exactly, and previews and freezes them; the
 * platform operator may preview and freeze too, but sees masked figures; the reporting role reads
 * frozen versions, masked. Anyone else: 403.
 */
@ApplicationScoped
public class IndicatorReportService {

    private enum Action {
        READ,
        PREVIEW,
        FREEZE
    }

    private final IndicatorReportRepository reports;
    private final IndicatorService indicators;
    private final IndicatorGeography geography;
    private final ObjectMapper mapper;
    private final Clock clock;

    public IndicatorReportService(IndicatorReportRepository reports, IndicatorService indicators, IndicatorGeography geography,
            ObjectMapper mapper, Clock clock) {
        this.reports = reports;
        this.indicators = indicators;
        this.geography = geography;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional
    public History history(Caller caller, String departementCode, int year) {
        authorize(caller, departementCode, year, Action.READ);
        List<VersionSummary> versions = reports.versions(departementCode, year).stream()
                .map(report -> new VersionSummary(report.version, report.reason, report.frozenAt, author(report))).toList();
        return new History(departementCode, year, versions);
    }

    @Transactional
    public Version freeze(Caller caller, String departementCode, int year, String reason) {
        authorize(caller, departementCode, year, Action.FREEZE);
        if (year >= indicators.currentYear()) {
            throw ApiException.conflict("The report for " + year + " can be frozen once the year is over, from 1 January "
                    + (year + 1) + ".");
        }
        reports.lock(departementCode, year);
        Optional<IndicatorReport> latest = reports.latest(departementCode, year);
        String trimmed = reason == null || reason.isBlank() ? null : reason.trim();
        if (latest.isPresent() && trimmed == null) {
            throw ApiException.invalid("/reason", "required for a revision: say why the report is frozen again");
        }
        IndicatorReport report = new IndicatorReport();
        report.id = UUID.randomUUID();
        report.departementCode = departementCode;
        report.year = year;
        report.version = latest.map(previous -> previous.version + 1).orElse(1);
        report.reason = trimmed;
        report.frozenAt = Instant.now(clock);
        report.frozenByRole = caller.role().claim();
        report.frozenByOrganisation = caller.organisationId();
        report.frozenBySubject = caller.subject();
        report.exactFigures = json(indicators.exactDepartement(year, departementCode));
        report.maskedFigures = json(indicators.maskedDepartement(year, departementCode));
        reports.persist(report);
        reports.flush();
        return view(report, exact(caller));
    }

    @Transactional
    public Version version(Caller caller, String departementCode, int year, int version) {
        authorize(caller, departementCode, year, Action.READ);
        IndicatorReport report = reports.version(departementCode, year, version)
                .orElseThrow(() -> ApiException.notFound("No version " + version + " of the " + year + " report of "
                        + departementCode + "."));
        return view(report, exact(caller));
    }

    @Transactional
    public Preview preview(Caller caller, String departementCode, int year) {
        authorize(caller, departementCode, year, Action.PREVIEW);
        boolean exact = exact(caller);
        IndicatorTable live = exact ? indicators.exactDepartement(year, departementCode)
                : indicators.maskedDepartement(year, departementCode);
        Optional<IndicatorReport> latest = reports.latest(departementCode, year);
        IndicatorTable frozen = latest.map(report -> figures(report, exact)).orElse(null);
        return new Preview(departementCode, year, latest.map(report -> report.version).orElse(null), live, changes(frozen, live));
    }

    /** The cells whose published form differs; with nothing frozen, every cell that is not a shown zero. */
    static List<Change> changes(IndicatorTable frozen, IndicatorTable live) {
        Map<String, IndicatorCsv.Flat> before = new LinkedHashMap<>();
        if (frozen != null) {
            IndicatorCsv.flatten(frozen).forEach(cell -> before.put(cell.key(), cell));
        }
        List<Change> changes = new ArrayList<>();
        for (IndicatorCsv.Flat now : IndicatorCsv.flatten(live)) {
            IndicatorCsv.Flat then = before.get(now.key());
            if (frozen == null && !now.masked() && (now.value() == null || now.value().signum() == 0)) {
                continue;
            }
            BigDecimal thenValue = then == null ? null : then.value();
            boolean thenMasked = then != null && then.masked();
            boolean same = thenMasked == now.masked() && (thenValue == null ? now.value() == null
                    : now.value() != null && thenValue.compareTo(now.value()) == 0);
            if (same) {
                continue;
            }
            BigDecimal delta = thenMasked || now.masked() || thenValue == null || now.value() == null ? null
                    : now.value().subtract(thenValue);
            changes.add(new Change(now.measure(), now.breakdown(), now.category(), new Value(thenValue, thenMasked),
                    new Value(now.value(), now.masked()), delta));
        }
        return changes;
    }

    private void authorize(Caller caller, String departementCode, int year, Action action) {
        if (!geography.isDepartement(departementCode)) {
            throw ApiException.notFound("No collectivity " + departementCode + ".");
        }
        if (year < indicators.firstYear() || year > indicators.currentYear()) {
            throw ApiException.notFound("No report for year " + year + ": indicators start in " + indicators.firstYear() + ".");
        }
        boolean own = caller.is(Role.DEPARTEMENT) && caller.organisationId().equals(departementCode);
        boolean allowed = own || caller.is(Role.ADMIN) || caller.is(Role.REPORTING) && action == Action.READ;
        if (!allowed) {
            throw ApiException.forbidden(caller.is(Role.DEPARTEMENT)
                    ? "A collectivity reads and freezes only its own reports."
                    : "The reporting role reads frozen reports; it neither previews nor freezes them.");
        }
    }

    private static boolean exact(Caller caller) {
        return caller.is(Role.DEPARTEMENT);
    }

    private Version view(IndicatorReport report, boolean exact) {
        return new Version(report.departementCode, report.year, report.version, report.reason, report.frozenAt, author(report),
                figures(report, exact));
    }

    private static FrozenBy author(IndicatorReport report) {
        return new FrozenBy(report.frozenByRole, report.frozenByOrganisation);
    }

    private IndicatorTable figures(IndicatorReport report, boolean exact) {
        try {
            return mapper.readValue(exact ? report.exactFigures : report.maskedFigures, IndicatorTable.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String json(IndicatorTable table) {
        try {
            return mapper.writeValueAsString(table);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
