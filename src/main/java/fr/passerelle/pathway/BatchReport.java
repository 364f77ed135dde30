package fr.passerelle.pathway;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BatchReport", description = "Outcome of a batch: valid events are stored even when others are rejected")
public record BatchReport(
        @Schema(required = true) int accepted,
        @Schema(required = true) int duplicates,
        @Schema(required = true) int rejected,
        @Schema(required = true, description = "One receipt per event, in the order sent") List<EventReceipt> results) {
}
