package fr.passerelle.pathway;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an erasure on request answers. */
@Schema(name = "ErasureReceipt")
public record ErasureReceipt(@Schema(required = true) UUID pathwayId, @Schema(required = true) Instant erasedAt) {
}
