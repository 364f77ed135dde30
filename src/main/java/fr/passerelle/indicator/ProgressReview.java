package fr.passerelle.indicator;

import fr.passerelle.partner.ConventionStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The annual progress review (bilan d'étape) of one collectivity's partnership for one year. */
@Schema(name = "ProgressReview", description = "The annual progress review of a collectivity: every measure of the year with "
        + "the previous year's value, the change and the rate (with the national rate beside it), the first-contact delay and "
        + "the local conventions in force. EXACT for the collectivity itself, MASKED for everyone else.")
public record ProgressReview(
        @Schema(maxLength = 3, required = true, example = "33") String departementCode,
        @Schema(maxLength = 100, required = true, example = "Gironde") String departementName,
        @Schema(maxLength = 3, required = true, example = "75") String regionCode,
        @Schema(minimum = "2000", maximum = "2200", required = true, example = "2025") int year,
        @Schema(required = true, description = "True for the current year, still running: its figures are provisional") boolean provisional,
        @Schema(required = true, description = "The day the live figures were read (Europe/Paris)") LocalDate asOf,
        @Schema(required = true) IndicatorTable.View view,
        @Schema(minimum = "0", maximum = "1000", description = "Present in MASKED views: counts from 1 to this value are masked", example = "10") Integer maskingThreshold,
        @Schema(maxItems = 100, required = true, description = "Every measure of the collectivity level but the delay, in the order of the "
                + "indicator tables") List<Line> lines,
        @Schema(required = true) Delay firstContactDelay,
        @Schema(required = true, description = "True when a local convention was in force on at least one day of the year")
        boolean localConventionInForce,
        @Schema(maxItems = 200, required = true, description = "The local conventions in force on at least one day of the year, oldest start "
                + "first: signed ones whose period meets the year (a terminated one without an end date is left out, its end "
                + "being unknown)") List<Convention> localConventions) {

    /** One measure of the review. */
    @Schema(name = "ProgressReviewLine")
    public record Line(
            @Schema(required = true) Measure.Section section,
            @Schema(required = true) Measure measure,
            @Schema(maxLength = 200, required = true, description = "The measure's name in French", example = "Jeunes inscrits en Mission Locale")
            String label,
            @Schema(minimum = "1", maximum = "6", description = "Number of the convention's indicator (1 to 6)", example = "4") Integer indicator,
            @Schema(required = true) CountingUnit unit,
            @Schema(required = true, description = "The total of the year") IndicatorTable.Cell value,
            @Schema(description = "The total of the previous year; absent before the first year") IndicatorTable.Cell previousValue,
            @Schema(minimum = "-10000000", maximum = "10000000", description = "value minus previousValue; absent when either is masked or absent", example = "-3") Long change,
            @Schema(description = "The measure's rate, when it has one") RateComparison rate) {
    }

    /** A rate of the collectivity and the national one. */
    @Schema(name = "ProgressReviewRate", description = "The collectivity's rate and the national one, each 100 × numerator / "
            + "denominator rounded half up to one decimal. The national rate is masked when either national total is masked, "
            + "and, for the collectivity reading its own exact review, also when the rest of the country (national minus its "
            + "own count) is at most the masking threshold in the numerator or the denominator, so that it can never be set "
            + "against the collectivity's exact figures to reveal a small count elsewhere.")
    public record RateComparison(
            @Schema(required = true) Measure denominator,
            @Schema(description = "Absent when masked or when the denominator is 0", example = "42.5") BigDecimal percent,
            @Schema(required = true) boolean masked,
            @Schema(description = "The national rate; absent when masked or without denominator", example = "38.1")
            BigDecimal nationalPercent,
            @Schema(required = true) boolean nationalMasked) {
    }

    /** The first-contact delay of the year and of the previous one. */
    @Schema(name = "ProgressReviewDelay")
    public record Delay(
            @Schema(required = true, description = "Solicitations of the year that had a first contact") IndicatorTable.Cell solicitations,
            @Schema(required = true, description = "Median days from solicitation to first contact") IndicatorTable.Statistic medianDays,
            @Schema(description = "The previous year's median; absent before the first year") IndicatorTable.Statistic previousMedianDays) {
    }

    /** A local convention in force during the year. */
    @Schema(name = "ProgressReviewConvention")
    public record Convention(
            @Schema(required = true) UUID id,
            @Schema(maxLength = 300, required = true, example = "Convention Gironde - Missions Locales 2025-2027") String title,
            @Schema(required = true) ConventionStatus status,
            @Schema(example = "2025-01-15") LocalDate signedOn,
            @Schema(required = true, example = "2025-02-01") LocalDate startsOn,
            @Schema(description = "Absent when open-ended", example = "2027-12-31") LocalDate endsOn,
            @Schema(maxItems = 50, required = true) List<UUID> missionLocaleIds,
            @Schema(required = true, description = "Whether it was in force on 31 December of the year") boolean inForceOn31December) {
    }
}
