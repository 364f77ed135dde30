package fr.passerelle.audit;

import fr.passerelle.platform.audit.Purpose;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AuditRecord", description = "One access to personal data: who, what, when, where, why, and how it ended")
public record AuditRecordView(
        @Schema(required = true) UUID id,
        @Schema(required = true) Instant recordedAt,
        @Schema(maxLength = 255, description = "Token subject") String subject,
        @Schema(maxLength = 64) String organisationId,
        @Schema(maxLength = 32) String role,
        @Schema(required = true) AuditService.Operation operation,
        @Schema(maxLength = 300, required = true, description = "Method and path template", example = "GET /api/v1/pathways/{id}") String endpoint,
        @Schema(required = true) Purpose purpose,
        @Schema(maxLength = 32, required = true, description = "SUCCESS, or the HTTP status of a refused or failed call", example = "SUCCESS") String outcome,
        @Schema(maxItems = 1000000, required = true) List<UUID> pathwayIds,
        @Schema(maxLength = 64) String correlationId) {

    static AuditRecordView of(AuditRecord record) {
        return new AuditRecordView(record.id, record.recordedAt, record.subject, record.organisationId, record.role,
                AuditService.Operation.valueOf(record.operation), record.endpoint,
                Purpose.valueOf(record.purpose), record.outcome, List.of(record.pathwayIds),
                record.correlationId);
    }
}
