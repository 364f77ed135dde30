package fr.passerelle.indicator;

import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The figures of one scope (nation, region, collectivity or Mission Locale) for one year. */
@Schema(name = "IndicatorTable", description = "The figures of one scope for one calendar year (Europe/Paris dates). "
        + "In a MASKED view, a count from 1 to `maskingThreshold` is masked, and other cells may be masked so that no masked "
        + "count can be rebuilt from the others (see the API description, Indicators).")
public record IndicatorTable(
        @Schema(minimum = "2000", maximum = "2200", required = true, example = "2025") int year,
        @Schema(required = true) Level level,
        @Schema(maxLength = 36, required = true, description = "FR, an INSEE region code, a collectivity code or a Mission Locale id", example = "33") String code,
        @Schema(required = true) View view,
        @Schema(minimum = "0", maximum = "1000", description = "Present in MASKED views: counts from 1 to this value are masked", example = "10") Integer maskingThreshold,
        @Schema(maxItems = 100, required = true, description = "Every measure that exists at this level, in a fixed order") List<Figures> measures,
        @Schema(maxItems = 100, description = "The rates that exist at this level, in a fixed order (absent from report versions frozen "
                + "before rates were published)") List<RateCell> rates) {

    @Schema(name = "IndicatorView", description = "EXACT: a collectivity's or Mission Locale's own figures; MASKED: with "
            + "small-cell protection, for everyone else")
    public enum View {
        EXACT,
        MASKED
    }

    /** The figures of one measure. */
    @Schema(name = "IndicatorFigures")
    public record Figures(
            @Schema(required = true) Measure measure,
            @Schema(minimum = "1", maximum = "6", description = "Number of the convention's indicator (1 to 6); absent for the context population and the delay",
                    example = "1") Integer indicator,
            @Schema(required = true) CountingUnit unit,
            @Schema(required = true) Cell total,
            @Schema(maxItems = 20, description = "By ASE status on the date that counts; absent for the delay and, in MASKED views, at the "
                    + "Mission Locale level") List<StatusCell> byAseStatus,
            @Schema(maxItems = 20, description = "By age band on the date that counts; absent like byAseStatus") List<AgeCell> byAgeBand,
            @Schema(description = "FIRST_CONTACT_DELAY only: median number of days from solicitation to first contact "
                    + "(for an even count, the mean of the two middle values)") Statistic medianDays) {
    }

    /** A count; {@code value} is absent when masked. */
    @Schema(name = "IndicatorCell")
    public record Cell(
            @Schema(minimum = "0", maximum = "10000000", description = "Absent when masked", example = "42") Long value,
            @Schema(required = true) boolean masked) {

        static Cell of(long value, boolean masked) {
            return masked ? new Cell(null, true) : new Cell(value, false);
        }
    }

    @Schema(name = "IndicatorStatusCell")
    public record StatusCell(
            @Schema(required = true) AseStatusBand aseStatus,
            @Schema(minimum = "0", maximum = "10000000", description = "Absent when masked", example = "12") Long value,
            @Schema(required = true) boolean masked) {
    }

    @Schema(name = "IndicatorAgeCell")
    public record AgeCell(
            @Schema(required = true) AgeBand ageBand,
            @Schema(minimum = "0", maximum = "10000000", description = "Absent when masked", example = "12") Long value,
            @Schema(required = true) boolean masked) {
    }

    /**
     * A rate: the numerator's total over the denominator's, in percent, rounded half up to one decimal.
     * In a MASKED view it is masked whenever either total is.
     */
    @Schema(name = "IndicatorRate", description = "100 × numerator total / denominator total, rounded half up to one decimal "
            + "(e.g. 2 of 3: 66.7). A ratio of two published totals: it may exceed 100 when the numerator is not a subset of "
            + "the denominator (see the API description). Masked when either total is masked; absent without denominator (0).")
    public record RateCell(
            @Schema(required = true) Measure numerator,
            @Schema(required = true) Measure denominator,
            @Schema(description = "Absent when masked or when the denominator is 0", example = "12.5") BigDecimal percent,
            @Schema(required = true) boolean masked) {
    }

    /** A statistic; {@code value} is absent when masked or when there is nothing to compute it from. */
    @Schema(name = "IndicatorStatistic")
    public record Statistic(
            @Schema(description = "Absent when masked or without data", example = "12.5") BigDecimal value,
            @Schema(required = true) boolean masked) {
    }
}
