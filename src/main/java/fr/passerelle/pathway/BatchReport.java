package fr.passerelle.pathway;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BatchReport", description = "Outcome of a batch: valid events are stored even when others are rejected")
public record BatchReport(
        @Schema(required = true, minimum = "0", maximum = "1000") int accepted,
        @Schema(required = true, minimum = "0", maximum = "1000") int duplicates,
        @Schema(required = true, minimum = "0", maximum = "1000") int rejected,
        @Schema(required = true, maxItems = 1000, description = "One receipt per event, in the order sent") List<EventReceipt> results) {
}
