package fr.passerelle.indicator;

import fr.passerelle.indicator.IndicatorReportViews.Breakdown;
import fr.passerelle.platform.web.Csv;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The CSV form of indicator tables: RFC 4180, UTF-8, a header row, one row per published cell.
 * Columns: year, level, code, version (report version; empty for live figures), indicator (1 to
 * 6; empty for the other measures), measure, unit, breakdown (TOTAL, ASE_STATUS, AGE_BAND,
 * MEDIAN_DAYS, RATE), category (ALL, an ASE status, an age band, or a rate's denominator measure),
 * value (empty when masked or without data), masked (true or false).
 */
final class IndicatorCsv {

    static final List<String> COLUMNS = List.of("year", "level", "code", "version", "indicator", "measure", "unit", "breakdown",
            "category", "value", "masked");
    static final String ALL = "ALL";

    /** One published cell. */
    record Flat(Measure measure, Breakdown breakdown, String category, CountingUnit unit, BigDecimal value, boolean masked) {

        String key() {
            return measure + "/" + breakdown + "/" + category;
        }
    }

    private IndicatorCsv() {
    }

    static List<Flat> flatten(IndicatorTable table) {
        List<Flat> cells = new ArrayList<>();
        for (IndicatorTable.Figures figures : table.measures()) {
            cells.add(new Flat(figures.measure(), Breakdown.TOTAL, ALL, figures.unit(), decimal(figures.total().value()),
                    figures.total().masked()));
            if (figures.byAseStatus() != null) {
                for (IndicatorTable.StatusCell cell : figures.byAseStatus()) {
                    cells.add(new Flat(figures.measure(), Breakdown.ASE_STATUS, cell.aseStatus().name(), figures.unit(),
                            decimal(cell.value()), cell.masked()));
                }
            }
            if (figures.byAgeBand() != null) {
                for (IndicatorTable.AgeCell cell : figures.byAgeBand()) {
                    cells.add(new Flat(figures.measure(), Breakdown.AGE_BAND, cell.ageBand().name(), figures.unit(),
                            decimal(cell.value()), cell.masked()));
                }
            }
            if (figures.medianDays() != null) {
                cells.add(new Flat(figures.measure(), Breakdown.MEDIAN_DAYS, ALL, CountingUnit.DAY, figures.medianDays().value(),
                        figures.medianDays().masked()));
            }
        }
        if (table.rates() != null) {
            for (IndicatorTable.RateCell rate : table.rates()) {
                cells.add(new Flat(rate.numerator(), Breakdown.RATE, rate.denominator().name(), CountingUnit.PERCENT, rate.percent(),
                        rate.masked()));
            }
        }
        return cells;
    }

    static String render(List<IndicatorTable> tables, Integer version) {
        return render(tables, version, cell -> true);
    }

    /** Only the cells the filter keeps. */
    static String render(List<IndicatorTable> tables, Integer version, Predicate<Flat> filter) {
        StringBuilder out = new StringBuilder();
        Csv.appendRow(out, COLUMNS);
        for (IndicatorTable table : tables) {
            for (Flat cell : flatten(table)) {
                if (!filter.test(cell)) {
                    continue;
                }
                Csv.appendRow(out, Arrays.asList(table.year(), table.level(), table.code(), version, cell.measure().indicator(),
                        cell.measure(), cell.unit(), cell.breakdown(), cell.category(),
                        cell.value() == null ? null : cell.value().toPlainString(), cell.masked()));
            }
        }
        return out.toString();
    }

    private static BigDecimal decimal(Long value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
