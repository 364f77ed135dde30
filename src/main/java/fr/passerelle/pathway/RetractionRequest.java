package fr.passerelle.pathway;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RetractionRequest")
public record RetractionRequest(@Schema(required = true) @NotNull EventData.RetractionReason reason) {
}
