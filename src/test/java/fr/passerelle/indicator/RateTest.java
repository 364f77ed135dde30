package fr.passerelle.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rate arithmetic and masking, on hand-built counts. */
class RateTest {

    @Test
    void aRateIsAPercentRoundedHalfUpToOneDecimal() {
        assertEquals(new BigDecimal("66.7"), Rate.percent(2, 3));
        assertEquals(new BigDecimal("33.3"), Rate.percent(1, 3));
        assertEquals(new BigDecimal("6.3"), Rate.percent(1, 16), "6.25 rounds up");
        assertEquals(new BigDecimal("12.5"), Rate.percent(1, 8));
        assertEquals(new BigDecimal("0.0"), Rate.percent(0, 7));
        assertEquals(new BigDecimal("133.3"), Rate.percent(4, 3));
        assertNull(Rate.percent(5, 0), "no rate without a denominator");
    }

    @Test
    void inAMaskedViewARateIsShownOnlyWhenBothItsTotalsAre() {
        ScopeCounts counts = new ScopeCounts();
        add(counts, Measure.SOLICITED, 40);
        add(counts, Measure.REGISTERED, 3);
        add(counts, Measure.ASE_YOUNG_PEOPLE_ON_31_DECEMBER, 160);
        add(counts, Measure.FOLLOWED_ON_31_DECEMBER, 12);
        add(counts, Measure.IN_TRAINING_ON_31_DECEMBER, 5);
        Set<Measure> maskedTotals = Set.of(Measure.REGISTERED, Measure.IN_TRAINING_ON_31_DECEMBER, Measure.FOLLOWED_ON_31_DECEMBER);
        IndicatorTable table = IndicatorTables.build(2025, Level.DEPARTEMENT, "33", counts,
                (measure, category) -> category == ScopeCounts.TOTAL && maskedTotals.contains(measure), 10);

        assertEquals(new BigDecimal("25.0"), cell(table, Measure.SOLICITED).percent());
        assertFalse(cell(table, Measure.SOLICITED).masked());
        assertTrue(cell(table, Measure.REGISTERED).masked(), "masked numerator");
        assertNull(cell(table, Measure.REGISTERED).percent());
        assertTrue(cell(table, Measure.FOLLOWED_ON_31_DECEMBER).masked(), "masked numerator over a shown population");
        assertTrue(cell(table, Measure.IN_EMPLOYMENT_ON_31_DECEMBER).masked(), "0 over a masked denominator");
        assertNull(cell(table, Measure.IN_EMPLOYMENT_ON_31_DECEMBER).percent());
        assertNull(cell(table, Measure.LEFT_WITHOUT_SOLUTION).percent(), "0 exits: no rate");
        assertFalse(cell(table, Measure.LEFT_WITHOUT_SOLUTION).masked());

        IndicatorTable exact = IndicatorTables.exact(2025, Level.DEPARTEMENT, "33", counts);
        assertEquals(new BigDecimal("1.9"), cell(exact, Measure.REGISTERED).percent(), "3 / 160 exactly: 1.875");
        assertEquals(new BigDecimal("41.7"), cell(exact, Measure.IN_TRAINING_ON_31_DECEMBER).percent());
    }

    @Test
    void atTheMissionLocaleLevelOnlyRatesBetweenMeasuresOfThatLevelExist() {
        IndicatorTable table = IndicatorTables.exact(2025, Level.MISSION_LOCALE, "00000000-0000-0000-0000-00000000000a", new ScopeCounts());
        assertEquals(Set.of(Measure.IN_TRAINING_ON_31_DECEMBER, Measure.IN_EMPLOYMENT_ON_31_DECEMBER, Measure.IN_CEJ_ON_31_DECEMBER,
                Measure.SOLICITED_NEVER_REACHED), table.rates().stream().map(IndicatorTable.RateCell::numerator)
                .collect(Collectors.toSet()));
    }

    private static void add(ScopeCounts counts, Measure measure, long count) {
        counts.add(new IndicatorCountRepository.Row(2025, Level.DEPARTEMENT, "33", measure, AseStatusBand.ACCUEILLI.name(),
                AgeBand.FROM_16_TO_17.name(), 0, count));
    }

    private static IndicatorTable.RateCell cell(IndicatorTable table, Measure numerator) {
        return table.rates().stream().filter(rate -> rate.numerator() == numerator).findFirst().orElseThrow();
    }
}
