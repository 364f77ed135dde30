package fr.passerelle.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookRequest")
public record WebhookRequest(
        @Schema(required = true, description = "An absolute https URL", example = "https://sync.example.org/passerelle")
        @NotBlank @Size(max = 2000) String url) {
}
