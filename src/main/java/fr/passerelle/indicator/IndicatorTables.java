package fr.passerelle.indicator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Builds the published form of one scope's counts, exact or with masks. */
final class IndicatorTables {

    /** Whether a cell (measure, category) is masked. */
    interface Masks {
        boolean masked(Measure measure, int category);
    }

    private IndicatorTables() {
    }

    static IndicatorTable exact(int year, Level level, String code, ScopeCounts counts) {
        return build(year, level, code, counts, (measure, category) -> false, null);
    }

    /** With {@code threshold} null, the view is EXACT; otherwise MASKED (Mission Locale breakdowns are then left out). */
    static IndicatorTable build(int year, Level level, String code, ScopeCounts counts, Masks masks, Integer threshold) {
        boolean maskedView = threshold != null;
        List<IndicatorTable.Figures> figures = new ArrayList<>();
        for (Measure measure : Measure.values()) {
            if (!measure.existsAt(level)) {
                continue;
            }
            IndicatorTable.Cell total = IndicatorTable.Cell.of(counts.category(measure, ScopeCounts.TOTAL),
                    masks.masked(measure, ScopeCounts.TOTAL));
            List<IndicatorTable.StatusCell> statuses = null;
            List<IndicatorTable.AgeCell> ages = null;
            if (measure.breakdown() && !(maskedView && level == Level.MISSION_LOCALE)) {
                statuses = new ArrayList<>();
                for (AseStatusBand status : AseStatusBand.values()) {
                    int category = ScopeCounts.statusCategory(status);
                    boolean masked = masks.masked(measure, category);
                    statuses.add(new IndicatorTable.StatusCell(status, masked ? null : counts.category(measure, category), masked));
                }
                ages = new ArrayList<>();
                for (AgeBand band : AgeBand.values()) {
                    int category = ScopeCounts.ageCategory(band);
                    boolean masked = masks.masked(measure, category);
                    ages.add(new IndicatorTable.AgeCell(band, masked ? null : counts.category(measure, category), masked));
                }
            }
            IndicatorTable.Statistic median = null;
            if (measure == Measure.FIRST_CONTACT_DELAY) {
                BigDecimal value = counts.medianDelay();
                median = total.masked() ? new IndicatorTable.Statistic(null, true) : new IndicatorTable.Statistic(value, false);
            }
            figures.add(new IndicatorTable.Figures(measure, measure.indicator(), measure.unit(), total, statuses, ages, median));
        }
        List<IndicatorTable.RateCell> rates = new ArrayList<>();
        for (Rate rate : Rate.values()) {
            if (!rate.existsAt(level)) {
                continue;
            }
            boolean masked = masks.masked(rate.numerator(), ScopeCounts.TOTAL) || masks.masked(rate.denominator(), ScopeCounts.TOTAL);
            rates.add(new IndicatorTable.RateCell(rate.numerator(), rate.denominator(), masked ? null
                    : Rate.percent(counts.category(rate.numerator(), ScopeCounts.TOTAL), counts.category(rate.denominator(),
                            ScopeCounts.TOTAL)), masked));
        }
        return new IndicatorTable(year, level, code, maskedView ? IndicatorTable.View.MASKED : IndicatorTable.View.EXACT,
                threshold, figures, rates);
    }
}
