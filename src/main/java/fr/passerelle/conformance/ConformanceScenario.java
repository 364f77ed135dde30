package fr.passerelle.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ConformanceScenario", description = "A list of pushes and the outcome each must get, to run in order against the "
        + "sandbox (never production: it registers fictitious young people). Each step is sent by the software of its `actor` "
        + "(the collectivity `departementCode` or the Mission Locale `missionLocaleId`): with `contentType` "
        + "`application/cloudevents+json` the single event of `events` to `POST /api/v1/events`, with "
        + "`application/cloudevents-batch+json` the array `events` to `POST /api/v1/events/batches`, adding `?dryRun=true` "
        + "when `dryRun` is true. Before "
        + "sending, replace every `${name}` in the events by the value captured under that name; after a step that has a "
        + "`capture`, keep the `pathwayId` of its first receipt under that name. A step passes when the HTTP status is "
        + "`expected.httpStatus` and the outcomes match `expected.outcomes` in order (the receipt's `status`, or the "
        + "problem's `type` for an answer or a receipt that is a problem).")
public record ConformanceScenario(
        @Schema(maxLength = 100, required = true, description = "Unique to this scenario: ids, sources and case references carry it, so "
                + "every run starts afresh") String runId,
        @Schema(required = true, description = "The day the dates were computed from (Europe/Paris): run the scenario that "
                + "day") LocalDate generatedOn,
        @Schema(maxLength = 3, required = true, example = "33") String departementCode,
        @Schema(required = true) UUID missionLocaleId,
        @Schema(maxItems = 100, required = true) List<Step> steps) {

    /** Who sends a step. */
    public enum Actor {
        DEPARTEMENT,
        MISSION_LOCALE
    }

    @Schema(name = "ConformanceStep")
    public record Step(
            @Schema(minimum = "1", maximum = "100", required = true, description = "From 1, in the order to run") int number,
            @Schema(maxLength = 100, required = true) String name,
            @Schema(maxLength = 1000, required = true, description = "What the step proves") String description,
            @Schema(required = true) Actor actor,
            @Schema(required = true, enumeration = {"application/cloudevents+json", "application/cloudevents-batch+json"})
            String contentType,
            @Schema(required = true) boolean dryRun,
            @Schema(maxItems = 1000, required = true, description = "The CloudEvents to send (one for a single push)") List<JsonNode> events,
            @Schema(maxLength = 100, description = "Name to keep the first receipt's pathwayId under") String capture,
            @Schema(required = true) Expected expected) {
    }

    @Schema(name = "ConformanceExpectation")
    public record Expected(
            @Schema(minimum = "100", maximum = "599", required = true) int httpStatus,
            @Schema(maxItems = 1000, required = true, description = "One per event, in order") List<Outcome> outcomes) {
    }

    @Schema(name = "ConformanceExpectedOutcome")
    public record Outcome(
            @Schema(required = true, enumeration = {"ACCEPTED", "DUPLICATE", "REJECTED"}) String status,
            @Schema(maxLength = 200, description = "For REJECTED: the problem type", example = "urn:passerelle:problem:validation-failed")
            String problemType) {
    }
}
