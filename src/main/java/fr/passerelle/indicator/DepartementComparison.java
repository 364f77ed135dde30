package fr.passerelle.indicator;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every collectivity's totals and rates of one year, masked, for national readers to compare and rank them. */
@Schema(name = "DepartementComparison", description = "The totals and rates of every collectivity for one year, as in each "
        + "collectivity's MASKED table (same masks), in code order.")
public record DepartementComparison(
        @Schema(minimum = "2000", maximum = "2200", required = true, example = "2025") int year,
        @Schema(required = true) IndicatorTable.View view,
        @Schema(minimum = "0", maximum = "1000", required = true, description = "Counts from 1 to this value are masked", example = "10") int maskingThreshold,
        @Schema(maxItems = 200, required = true) List<Entry> departements) {

    /** One collectivity. */
    @Schema(name = "DepartementComparisonEntry")
    public record Entry(
            @Schema(maxLength = 3, required = true, example = "33") String code,
            @Schema(maxLength = 100, required = true, example = "Gironde") String name,
            @Schema(maxLength = 3, required = true, example = "75") String regionCode,
            @Schema(maxItems = 100, required = true, description = "The total of every measure of the collectivity level") List<Total> totals,
            @Schema(maxItems = 100, required = true) List<IndicatorTable.RateCell> rates) {
    }

    /** A measure's total. */
    @Schema(name = "DepartementComparisonTotal")
    public record Total(
            @Schema(required = true) Measure measure,
            @Schema(minimum = "0", maximum = "10000000", description = "Absent when masked", example = "42") Long value,
            @Schema(required = true) boolean masked) {
    }
}
