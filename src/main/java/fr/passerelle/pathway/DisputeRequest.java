package fr.passerelle.pathway;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DisputeRequest")
public record DisputeRequest(@Schema(required = true) @NotNull EventData.DisputeReason reason) {
}
