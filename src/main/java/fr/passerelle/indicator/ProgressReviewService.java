package fr.passerelle.indicator;

import fr.passerelle.partner.ConventionService;
import fr.passerelle.partner.ConventionStatus;
import fr.passerelle.partner.ConventionView;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The annual progress review (bilan d'étape) of a collectivity: its figures of the year beside the
 * previous year's, its rates beside the national ones, the first-contact delay and its local
 * conventions. Access follows the annual reports: the collectivity reads its own review exactly;
 * the reporting role and the platform operator read every collectivity's, masked (each year
 * masked on its own, as published); anyone else 403.
 */
@ApplicationScoped
public class ProgressReviewService {

    private final IndicatorService indicators;
    private final MaskedYearCache masked;
    private final IndicatorGeography geography;
    private final IndicatorConfig config;
    private final ConventionService conventions;
    private final Clock clock;

    public ProgressReviewService(IndicatorService indicators, MaskedYearCache masked, IndicatorGeography geography,
            IndicatorConfig config, ConventionService conventions, Clock clock) {
        this.indicators = indicators;
        this.masked = masked;
        this.geography = geography;
        this.config = config;
        this.conventions = conventions;
        this.clock = clock;
    }

    @Transactional
    public ProgressReview review(Caller caller, String departementCode, int year) {
        boolean exact = authorize(caller, departementCode, year);
        IndicatorTable current = table(year, departementCode, exact);
        IndicatorTable previous = year > indicators.firstYear() ? table(year - 1, departementCode, exact) : null;
        IndicatorTable nation = masked.get(year).table(Level.NATION, Level.NATION_CODE);
        List<ProgressReview.Line> lines = new ArrayList<>();
        for (IndicatorTable.Figures figures : current.measures()) {
            if (figures.measure() == Measure.FIRST_CONTACT_DELAY) {
                continue;
            }
            IndicatorTable.Cell before = previous == null ? null : figures(previous, figures.measure()).total();
            lines.add(new ProgressReview.Line(figures.measure().section(), figures.measure(), figures.measure().label(),
                    figures.indicator(), figures.unit(), figures.total(), before, change(figures.total(), before),
                    rate(figures.measure(), current, nation, exact)));
        }
        IndicatorTable.Figures delay = figures(current, Measure.FIRST_CONTACT_DELAY);
        ProgressReview.Delay firstContactDelay = new ProgressReview.Delay(delay.total(), delay.medianDays(),
                previous == null ? null : figures(previous, Measure.FIRST_CONTACT_DELAY).medianDays());
        List<ProgressReview.Convention> inForce = conventions(departementCode, year);
        return new ProgressReview(departementCode, geography.nameOf(departementCode), geography.regionOf(departementCode), year,
                year >= indicators.currentYear(), LocalDate.now(clock.withZone(IndicatorService.PARIS)), current.view(),
                current.maskingThreshold(), lines, firstContactDelay, !inForce.isEmpty(), inForce);
    }

    private IndicatorTable table(int year, String departementCode, boolean exact) {
        return exact ? indicators.exactDepartement(year, departementCode) : indicators.maskedDepartement(year, departementCode);
    }

    /**
     * The collectivity's rate and the national one. A collectivity reading its own exact figures sees
     * the national rate only when the rest of the country counts more than the threshold in both
     * totals: whatever it could infer from the rate about the other collectivities together is then
     * never a small count.
     */
    private ProgressReview.RateComparison rate(Measure measure, IndicatorTable own, IndicatorTable nation, boolean exact) {
        Rate rate = Rate.of(measure);
        if (rate == null) {
            return null;
        }
        IndicatorTable.RateCell mine = rateCell(own, measure);
        IndicatorTable.RateCell national = rateCell(nation, measure);
        boolean nationalMasked = national.masked();
        if (!nationalMasked && exact && config.maskingThreshold() > 0) {
            long restNumerator = figures(nation, rate.numerator()).total().value() - figures(own, rate.numerator()).total().value();
            long restDenominator = figures(nation, rate.denominator()).total().value()
                    - figures(own, rate.denominator()).total().value();
            nationalMasked = restNumerator <= config.maskingThreshold() || restDenominator <= config.maskingThreshold();
        }
        return new ProgressReview.RateComparison(rate.denominator(), mine.percent(), mine.masked(),
                nationalMasked ? null : national.percent(), nationalMasked);
    }

    /** Conventions in force on at least one day of the year: signed at some point, their period meeting the year. */
    private List<ProgressReview.Convention> conventions(String departementCode, int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        List<ProgressReview.Convention> result = new ArrayList<>();
        for (ConventionView convention : conventions.ofDepartement(departementCode)) {
            if (inForceBetween(convention, first, last)) {
                result.add(new ProgressReview.Convention(convention.id(), convention.title(), convention.status(),
                        convention.signedOn(), convention.startsOn(), convention.endsOn(), convention.missionLocaleIds(),
                        inForceBetween(convention, last, last)));
            }
        }
        return result;
    }

    /** Whether the convention was in force on at least one day from {@code from} to {@code to}. */
    static boolean inForceBetween(ConventionView convention, LocalDate from, LocalDate to) {
        if (convention.status() == ConventionStatus.DRAFT || convention.startsOn().isAfter(to)) {
            return false;
        }
        if (convention.endsOn() == null) {
            return convention.status() == ConventionStatus.SIGNED;
        }
        return !convention.endsOn().isBefore(from);
    }

    /** True when the caller reads exactly (the collectivity itself), false when masked; 403 or 404 otherwise. */
    private boolean authorize(Caller caller, String departementCode, int year) {
        if (!geography.isDepartement(departementCode)) {
            throw ApiException.notFound("No collectivity " + departementCode + ".");
        }
        if (year < indicators.firstYear() || year > indicators.currentYear()) {
            throw ApiException.notFound("No progress review for year " + year + ": reviews run from " + indicators.firstYear()
                    + " to the current year.");
        }
        if (caller.is(Role.DEPARTEMENT)) {
            if (!caller.organisationId().equals(departementCode)) {
                throw ApiException.forbidden("A collectivity reads only its own progress review.");
            }
            return true;
        }
        if (caller.is(Role.REPORTING) || caller.is(Role.ADMIN)) {
            return false;
        }
        throw ApiException.forbidden("This role does not read progress reviews.");
    }

    private static IndicatorTable.Figures figures(IndicatorTable table, Measure measure) {
        return table.measures().stream().filter(figures -> figures.measure() == measure).findFirst().orElseThrow();
    }

    private static IndicatorTable.RateCell rateCell(IndicatorTable table, Measure numerator) {
        return table.rates().stream().filter(rate -> rate.numerator() == numerator).findFirst().orElseThrow();
    }

    private static Long change(IndicatorTable.Cell now, IndicatorTable.Cell before) {
        if (before == null || now.masked() || before.masked()) {
            return null;
        }
        return now.value() - before.value();
    }
}
