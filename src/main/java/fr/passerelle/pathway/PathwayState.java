package fr.passerelle.pathway;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The current state of a pathway, derived from its events in the order they happened. Never
 * written directly: it is recomputed whenever an event of the pathway is recorded.
 */
@Schema(name = "PathwayState")
public record PathwayState(
        @Schema(maxLength = 3, required = true, description = "Collectivity that owns the pathway now") String departementCode,
        @Schema(required = true) Ase ase,
        @Schema(maxItems = 1000, required = true, description = "Missions Locales solicited, in the order of their first solicitation") List<MissionLocaleLink> missionLocales,
        @Schema(maxItems = 1000, required = true, description = "17-year interviews and pathway reviews, oldest first") List<Review> reviews,
        @Schema(description = "First orientation diagnostic") Diagnostic orientationDiagnostic,
        @Schema(description = "Autonomy project (PAA), if elaborated") AutonomyProject autonomyProject,
        @Schema(description = "Latest handover decision") Handover handover,
        @Schema(required = true) Cej cej,
        @Schema(required = true) Consent consent,
        @Schema(description = "Latest fragility assessment") Fragility fragility,
        @Schema(description = "Latest date the young person was informed of their rights") LocalDate rightsInformedOn,
        @Schema(description = "Latest eligibility check") Eligibility eligibility,
        @Schema(maxItems = 1000, required = true, description = "Dates of training-obligation reports") List<LocalDate> trainingObligationReports,
        @Schema(description = "Latest situation recorded by a Mission Locale") Situation situation,
        @Schema(maxItems = 1000, required = true, description = "Transfers between collectivities, oldest first") List<Transfer> transfers) {

    public enum AseStatus {
        /** No ASE support event yet (or all retracted). */
        UNKNOWN,
        SUPPORTED,
        EXITED
    }

    public enum ShareStatus {
        ACTIVE,
        ENDED
    }

    public enum CejStatus {
        NOT_PROPOSED,
        PROPOSED_PENDING,
        REFUSED,
        ACCEPTED,
        IN_CEJ,
        ENDED
    }

    public enum ConsentStatus {
        NOT_RECORDED,
        GIVEN,
        WITHDRAWN
    }

    public enum Confirmation {
        /** The side recorded the step or attested it. */
        CONFIRMED,
        /** Not attested yet. */
        PENDING,
        DISPUTED
    }

    @Schema(name = "AseSupport")
    public record Ase(
            @Schema(required = true) AseStatus status,
            EventData.Placement placement,
            EventData.Measure measure,
            Boolean youngAdultContract,
            LocalDate startedOn,
            LocalDate endedOn,
            EventData.AseExitReason exitReason) {
    }

    @Schema(name = "MissionLocaleLink", description = "A Mission Locale solicited for the young person, and what it recorded")
    public record MissionLocaleLink(
            @Schema(required = true) UUID missionLocaleId,
            @Schema(required = true) LocalDate solicitedOn,
            @Schema(required = true) ShareStatus share,
            LocalDate shareEndedOn,
            LocalDate firstContactOn,
            LocalDate registeredOn,
            @Schema(maxLength = 64, description = "The Mission Locale's own identifier for the young person") String missionLocaleReference) {
    }

    @Schema(name = "JointConfirmation", description = "Which side attested a joint step")
    public record JointConfirmation(
            @Schema(required = true) Confirmation departement,
            @Schema(required = true) Confirmation missionLocale) {
    }

    @Schema(name = "Review")
    public record Review(
            @Schema(required = true) UUID eventId,
            @Schema(required = true) LocalDate heldOn,
            @Schema(required = true) boolean binome,
            UUID missionLocaleId,
            @Schema(required = true) boolean renewal,
            @Schema(maxItems = 10, required = true) List<EventData.Participant> participants,
            @Schema(description = "Present for a binôme review") JointConfirmation confirmation) {
    }

    @Schema(name = "Diagnostic")
    public record Diagnostic(
            @Schema(required = true) UUID eventId,
            @Schema(required = true) LocalDate completedOn,
            @Schema(required = true) UUID missionLocaleId,
            @Schema(required = true) boolean duringReview) {
    }

    @Schema(name = "AutonomyProject")
    public record AutonomyProject(
            @Schema(required = true) UUID eventId,
            @Schema(required = true) LocalDate elaboratedOn,
            LocalDate updatedOn,
            @Schema(required = true) boolean joint,
            UUID missionLocaleId,
            @Schema(maxItems = 20, required = true) List<EventData.AutonomyDomain> domains,
            @Schema(description = "Present when joint") JointConfirmation confirmation) {
    }

    @Schema(name = "Handover")
    public record Handover(
            @Schema(required = true) EventData.HandoverMode mode,
            @Schema(required = true) LocalDate decidedOn,
            UUID missionLocaleId) {
    }

    @Schema(name = "Cej")
    public record Cej(
            @Schema(required = true) CejStatus status,
            LocalDate proposedOn,
            EventData.CejDecision decision,
            EventData.CejRefusalReason refusalReason,
            LocalDate startedOn,
            LocalDate endedOn,
            EventData.CejOutcome outcome) {
    }

    @Schema(name = "Consent")
    public record Consent(
            @Schema(required = true) ConsentStatus status,
            @Schema(description = "Date of the latest consent event") LocalDate since) {
    }

    @Schema(name = "Fragility")
    public record Fragility(
            @Schema(required = true) LocalDate assessedOn,
            @Schema(maxItems = 20, required = true) List<EventData.FragilityCriterion> criteria) {
    }

    @Schema(name = "Eligibility")
    public record Eligibility(
            @Schema(required = true) LocalDate checkedOn,
            @Schema(maxItems = 20, required = true) List<EventData.SchemeEligibility> schemes) {
    }

    @Schema(name = "LatestSituation", description = "The young person's latest situation as a Mission Locale recorded it")
    public record Situation(
            @Schema(required = true) EventData.Situation situation,
            @Schema(required = true, description = "Date of the situation update") LocalDate since,
            @Schema(required = true, description = "The Mission Locale that recorded it") UUID missionLocaleId) {
    }

    @Schema(name = "Transfer")
    public record Transfer(
            @Schema(required = true) LocalDate transferredOn,
            @Schema(maxLength = 3, required = true) String fromDepartementCode,
            @Schema(maxLength = 3, required = true) String toDepartementCode) {
    }
}
