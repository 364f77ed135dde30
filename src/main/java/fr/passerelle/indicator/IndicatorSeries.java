package fr.passerelle.indicator;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The figures of one scope over consecutive years. */
@Schema(name = "IndicatorSeries", description = "One table per year, oldest first. Each year is protected on its own; no "
        + "figure across years (no multi-year total) is published, so years cannot be subtracted from one another.")
public record IndicatorSeries(
        @Schema(required = true) Level level,
        @Schema(maxLength = 36, required = true, example = "33") String code,
        @Schema(required = true) IndicatorTable.View view,
        @Schema(maxItems = 20, required = true) List<IndicatorTable> years) {
}
