package fr.passerelle.indicator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The API records of annual reports. */
public final class IndicatorReportViews {

    private IndicatorReportViews() {
    }

    @Schema(name = "FreezeRequest", description = "Freezes the report. The reason is required for a revision (version 2 "
            + "on); it is published with the report and must not contain personal data.")
    public record FreezeRequest(
            @Schema(description = "Why this version is frozen; required from version 2 on", maxLength = 500,
                    example = "Late registrations recorded by the Missions Locales in January") @Size(max = 500) String reason) {
    }

    @Schema(name = "ReportAuthor", description = "Who froze a version: a role and the organisation it acts for (never a person)")
    public record FrozenBy(
            @Schema(maxLength = 32, required = true, example = "departement") String role,
            @Schema(maxLength = 64, required = true, example = "33") String organisation) {
    }

    @Schema(name = "ReportVersionSummary")
    public record VersionSummary(
            @Schema(minimum = "1", maximum = "100000", required = true, example = "1") int version,
            @Schema(maxLength = 500, example = "Initial report") String reason,
            @Schema(required = true) Instant frozenAt,
            @Schema(required = true) FrozenBy frozenBy) {
    }

    @Schema(name = "ReportHistory", description = "Every frozen version of a collectivity's report for a year, oldest first")
    public record History(
            @Schema(maxLength = 3, required = true, example = "33") String departementCode,
            @Schema(minimum = "2000", maximum = "2200", required = true, example = "2025") int year,
            @Schema(maxItems = 100000, required = true) List<VersionSummary> versions) {
    }

    @Schema(name = "ReportVersion", description = "One frozen version with its figures, exact for the collectivity itself "
            + "and masked (as published at the time of freezing) for everyone else.")
    public record Version(
            @Schema(maxLength = 3, required = true, example = "33") String departementCode,
            @Schema(minimum = "2000", maximum = "2200", required = true, example = "2025") int year,
            @Schema(minimum = "1", maximum = "100000", required = true, example = "1") int version,
            @Schema(maxLength = 500, example = "Initial report") String reason,
            @Schema(required = true) Instant frozenAt,
            @Schema(required = true) FrozenBy frozenBy,
            @Schema(required = true) IndicatorTable figures) {
    }

    @Schema(name = "ReportPreview", description = "The live figures of the year and what differs from the latest frozen version")
    public record Preview(
            @Schema(maxLength = 3, required = true, example = "33") String departementCode,
            @Schema(minimum = "2000", maximum = "2200", required = true, example = "2025") int year,
            @Schema(minimum = "1", maximum = "100000", description = "Absent when nothing was frozen yet", example = "1") Integer latestVersion,
            @Schema(required = true) IndicatorTable live,
            @Schema(maxItems = 100000, required = true, description = "Cells whose published value differs from the latest version; every "
                    + "non-zero cell when nothing was frozen yet") List<Change> changes) {
    }

    @Schema(name = "ReportChange")
    public record Change(
            @Schema(required = true) Measure measure,
            @Schema(required = true) Breakdown breakdown,
            @Schema(maxLength = 64, required = true, description = "ALL, an ASE status, an age band, or for a rate its denominator measure",
                    example = "ACCUEILLI") String category,
            @Schema(required = true) Value frozen,
            @Schema(required = true) Value live,
            @Schema(description = "live minus frozen; absent when either is masked or absent", example = "2") BigDecimal delta) {
    }

    @Schema(name = "ReportValue")
    public record Value(
            @Schema(description = "Absent when masked or without data", example = "12") BigDecimal value,
            @Schema(required = true) boolean masked) {
    }

    @Schema(name = "IndicatorBreakdown", description = "TOTAL, ASE_STATUS, AGE_BAND, MEDIAN_DAYS (the delay's median), or "
            + "RATE (the measure's total over the total of the measure named as category, in percent)")
    public enum Breakdown {
        TOTAL,
        ASE_STATUS,
        AGE_BAND,
        MEDIAN_DAYS,
        RATE
    }
}
