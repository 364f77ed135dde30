package fr.passerelle.pathway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The typed {@code data} of each event type. No free text anywhere: every value is a date, a code
 * or an identifier, so that nothing personal hides in an event and a purge has only identity to
 * erase.
 */
public final class EventData {

    private EventData() {
    }

    /**
     * Marker of every event's data. The annotation only brings every data schema into the contract,
     * where {@link EventContract} builds the per-type schemas from them and removes this union.
     */
    @Schema(name = EventContract.ANY_DATA, oneOf = {
        PathwayOpened.class, AseSupportStarted.class, AseSupportChanged.class, AseSupportEnded.class, MissionLocaleSolicited.class,
        FirstContact.class, MissionLocaleRegistered.class, MissionLocaleReferenceLinked.class, ReviewHeld.class,
        OrientationDiagnosticCompleted.class, AutonomyProjectRecorded.class, HandoverDecided.class, CejProposed.class,
        CejStarted.class, CejEnded.class, RightsInformationGiven.class, EligibilityChecked.class, FragilityAssessed.class,
        TrainingObligationReported.class, SituationUpdated.class, ConsentRecorded.class, ConsentWithdrawn.class, ShareEnded.class, PathwayTransferred.class,
        JointStepConfirmed.class, JointStepDisputed.class, IdentityRectified.class, PathwayErased.class, EventRetracted.class})
    public interface Payload {
    }

    public enum Placement {
        /** Placed: accueilli à l'ASE. */
        ACCUEILLI,
        /** Followed at home (milieu ouvert). */
        A_DOMICILE
    }

    public enum Measure {
        ADMINISTRATIVE,
        JUDICIAL
    }

    public enum AseExitReason {
        MAJORITY,
        END_OF_YOUNG_ADULT_CONTRACT,
        AGE_LIMIT,
        RETURN_TO_FAMILY,
        TRANSFER_TO_ANOTHER_DEPARTEMENT,
        REFUSED_BY_YOUNG_PERSON,
        OTHER
    }

    public enum Participant {
        YOUNG_PERSON,
        DEPARTEMENT_WORKER,
        MISSION_LOCALE_COUNSELLOR,
        TRUSTED_PERSON,
        OTHER_PROFESSIONAL
    }

    public enum AutonomyProjectKind {
        ELABORATED,
        UPDATED
    }

    /** The needs an autonomy project covers (art. L222-5-1 CASF). */
    public enum AutonomyDomain {
        EDUCATION,
        SOCIAL,
        HEALTH,
        HOUSING,
        TRAINING,
        EMPLOYMENT,
        RESOURCES
    }

    public enum HandoverMode {
        CO_INTERVENTION,
        RELAY
    }

    public enum CejDecision {
        ACCEPTED,
        REFUSED,
        PENDING
    }

    public enum CejRefusalReason {
        IN_EDUCATION_OR_TRAINING,
        IN_EMPLOYMENT,
        NOT_INTERESTED,
        NOT_ELIGIBLE,
        OTHER
    }

    public enum CejOutcome {
        EMPLOYMENT,
        TRAINING,
        END_OF_TERM,
        EARLY_EXIT,
        OTHER
    }

    public enum ContactChannel {
        IN_PERSON,
        PHONE,
        VIDEO,
        OTHER
    }

    public enum RightsTopic {
        HOUSING,
        HEALTH,
        RESOURCES,
        EDUCATION,
        EMPLOYMENT,
        MOBILITY,
        CITIZENSHIP,
        OTHER
    }

    /** Common-law schemes whose eligibility is checked (dispositifs de droit commun). */
    public enum Scheme {
        CEJ,
        HOUSING_AID,
        HEALTH_COVERAGE,
        STUDENT_GRANT,
        YOUTH_AID_FUND,
        YOUNG_ADULT_CONTRACT,
        OTHER
    }

    /** Fragility criteria of the convention (repérage des fragilités). */
    public enum FragilityCriterion {
        MOBILITY,
        HOUSING,
        HEALTH,
        TRAINING,
        CITIZENSHIP,
        FAMILY_SITUATION,
        CHILD_OF_MINIMUM_INCOME_BENEFICIARY,
        OTHER
    }

    public enum TrainingObligationReason {
        NOT_REACHABLE,
        REFUSED_SUPPORT,
        DROPPED_OUT,
        OTHER
    }

    /**
     * The young person's situation as a Mission Locale knows it (no free text): in education, training
     * or work-study, employed, looking for a job or training, without activity, or other.
     */
    public enum Situation {
        /** School, university (scolarité). */
        IN_EDUCATION,
        /** Vocational training (formation professionnelle). */
        IN_TRAINING,
        /** Apprenticeship or professionalisation contract (alternance). */
        IN_WORK_STUDY,
        /** In employment, whatever the contract. */
        IN_EMPLOYMENT,
        /** Looking for a job or a training. */
        SEEKING_EMPLOYMENT_OR_TRAINING,
        /** Neither in education, employment or training nor looking for them. */
        WITHOUT_ACTIVITY,
        OTHER
    }

    public enum ShareEndReason {
        HANDOVER_COMPLETED,
        YOUNG_PERSON_MOVED,
        NO_LONGER_NEEDED,
        OTHER
    }

    public enum DisputeReason {
        DID_NOT_TAKE_PART,
        WRONG_DATE,
        NOT_JOINT,
        OTHER
    }

    public enum RetractionReason {
        RECORDED_BY_MISTAKE,
        WRONG_YOUNG_PERSON,
        DUPLICATE,
        OTHER
    }

    @Schema(name = "PathwayOpenedData", description = "Recorded by the service when a département registers a young person.")
    public record PathwayOpened() implements Payload {
    }

    @Schema(name = "AseSupportStartedData")
    public record AseSupportStarted(
            @Schema(required = true) @NotNull Placement placement,
            @Schema(required = true) @NotNull Measure measure,
            @Schema(required = true, description = "Contrat jeune majeur (18-21)") @NotNull Boolean youngAdultContract) implements Payload {
    }

    @Schema(name = "AseSupportChangedData")
    public record AseSupportChanged(
            @Schema(required = true) @NotNull Placement placement,
            @Schema(required = true) @NotNull Measure measure,
            @Schema(required = true) @NotNull Boolean youngAdultContract) implements Payload {
    }

    @Schema(name = "AseSupportEndedData")
    public record AseSupportEnded(@Schema(required = true) @NotNull AseExitReason exitReason) implements Payload {
    }

    @Schema(name = "MissionLocaleSolicitedData")
    public record MissionLocaleSolicited(@Schema(required = true) @NotNull UUID missionLocaleId) implements Payload {
    }

    @Schema(name = "FirstContactData")
    public record FirstContact(@Schema(required = true) @NotNull ContactChannel channel) implements Payload {
    }

    @Schema(name = "MissionLocaleRegisteredData")
    public record MissionLocaleRegistered(
            @Schema(description = "The Mission Locale's own identifier for the young person (e.g. i-milo), to look the pathway up by it",
                    example = "IMILO-2025-004512")
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "letters, digits and . _ : - only") String missionLocaleReference) implements Payload {
    }

    @Schema(name = "MissionLocaleReferenceLinkedData", description = "The Mission Locale links its own identifier for the young person")
    public record MissionLocaleReferenceLinked(
            @Schema(required = true, example = "IMILO-2025-004512")
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "letters, digits and . _ : - only") String missionLocaleReference) implements Payload {
    }

    @Schema(name = "ReviewHeldData", description = "17-year interview / pathway review (art. L222-5-1 CASF). "
            + "It is held in binôme when a Mission Locale counsellor took part.")
    public record ReviewHeld(
            @Schema(required = true) @NotEmpty @Size(max = 20) List<@NotNull Participant> participants,
            @Schema(description = "Required when a Mission Locale counsellor took part") UUID missionLocaleId,
            @Schema(required = true, description = "True when the interview is exceptionally renewed") @NotNull Boolean renewal) implements Payload {

        public boolean binome() {
            return participants.contains(Participant.MISSION_LOCALE_COUNSELLOR);
        }
    }

    @Schema(name = "OrientationDiagnosticCompletedData")
    public record OrientationDiagnosticCompleted(
            @Schema(required = true, description = "Made during the pathway review") @NotNull Boolean duringReview) implements Payload {
    }

    @Schema(name = "AutonomyProjectRecordedData", description = "Projet d'accès à l'autonomie elaborated or updated; "
            + "joint when elaborated with a Mission Locale counsellor.")
    public record AutonomyProjectRecorded(
            @Schema(required = true) @NotNull AutonomyProjectKind kind,
            @Schema(required = true) @NotNull Boolean joint,
            @Schema(description = "Required when joint") UUID missionLocaleId,
            @Schema(required = true) @NotEmpty @Size(max = 20) List<@NotNull AutonomyDomain> domains) implements Payload {
    }

    @Schema(name = "HandoverDecidedData")
    public record HandoverDecided(
            @Schema(required = true) @NotNull HandoverMode mode,
            @Schema(description = "Required when a département records it") UUID missionLocaleId) implements Payload {
    }

    @Schema(name = "CejProposedData", description = "The Contrat d'Engagement Jeune was proposed; `refusalReason` is required when "
            + "the decision is REFUSED.")
    public record CejProposed(
            @Schema(required = true) @NotNull CejDecision decision,
            CejRefusalReason refusalReason) implements Payload {
    }

    @Schema(name = "CejStartedData")
    public record CejStarted() implements Payload {
    }

    @Schema(name = "CejEndedData")
    public record CejEnded(@Schema(required = true) @NotNull CejOutcome outcome) implements Payload {
    }

    @Schema(name = "RightsInformationGivenData")
    public record RightsInformationGiven(@Schema(required = true) @NotEmpty @Size(max = 20) List<@NotNull RightsTopic> topics) implements Payload {
    }

    @Schema(name = "EligibilityCheckedData")
    public record EligibilityChecked(@Schema(required = true) @NotEmpty @Size(max = 20) List<@NotNull @Valid SchemeEligibility> schemes) implements Payload {
    }

    @Schema(name = "SchemeEligibility")
    public record SchemeEligibility(
            @Schema(required = true) @NotNull Scheme scheme,
            @Schema(required = true) @NotNull Boolean eligible) {
    }

    @Schema(name = "FragilityAssessedData", description = "Criteria found; an empty list records that none was found.")
    public record FragilityAssessed(@Schema(required = true) @NotNull @Size(max = 20) List<@NotNull FragilityCriterion> criteria) implements Payload {
    }

    @Schema(name = "TrainingObligationReportedData", description = "A Mission Locale reports a 16-17 year old NEET's "
            + "non-compliance with the training obligation to the département.")
    public record TrainingObligationReported(@Schema(required = true) @NotNull TrainingObligationReason reason) implements Payload {
    }

    @Schema(name = "SituationUpdatedData", description = "A Mission Locale records the young person's situation on a date; "
            + "it stands until the next situation update.")
    public record SituationUpdated(@Schema(required = true) @NotNull Situation situation) implements Payload {
    }

    @Schema(name = "ConsentRecordedData", description = "The young person agrees to their pathway being shared with the Missions Locales the département solicits.")
    public record ConsentRecorded() implements Payload {
    }

    @Schema(name = "ConsentWithdrawnData", description = "The young person withdraws their agreement: every share ends at once.")
    public record ConsentWithdrawn() implements Payload {
    }

    @Schema(name = "ShareEndedData")
    public record ShareEnded(
            @Schema(description = "Required when a département records it") UUID missionLocaleId,
            @Schema(required = true) @NotNull ShareEndReason reason) implements Payload {
    }

    @Schema(name = "PathwayTransferredData", description = "The young person is now supported by another collectivity, which owns the pathway from then on.")
    public record PathwayTransferred(@Schema(required = true, example = "6AE") @NotNull @Size(min = 2, max = 3) String toDepartementCode) implements Payload {
    }

    @Schema(name = "JointStepConfirmedData", description = "The other side attests a joint step (binôme review or joint autonomy project).")
    public record JointStepConfirmed(@Schema(required = true) @NotNull UUID eventId) implements Payload {
    }

    @Schema(name = "JointStepDisputedData", description = "Either side disputes that a step was joint.")
    public record JointStepDisputed(
            @Schema(required = true) @NotNull UUID eventId,
            @Schema(required = true) @NotNull DisputeReason reason) implements Payload {
    }

    public enum IdentityField {
        FIRST_NAME,
        LAST_NAME,
        BIRTH_DATE,
        EMAIL,
        PHONE
    }

    public enum ErasureReason {
        /** The retention period ended. */
        RETENTION,
        /** The young person asked for erasure and the département granted it. */
        ERASURE_REQUEST
    }

    @Schema(name = "IdentityRectifiedData", description = "The département rectified the young person's identity; the event names "
            + "the fields, never their values, which are read from the pathway.")
    public record IdentityRectified(@Schema(required = true) @NotEmpty @Size(max = 5) List<@NotNull IdentityField> fields) implements Payload {
    }

    @Schema(name = "PathwayErasedData", description = "The young person's personal data was erased; the pathway remains, "
            + "pseudonymised, for statistics. Every share ends.")
    public record PathwayErased(@Schema(required = true) @NotNull ErasureReason reason) implements Payload {
    }

    @Schema(name = "EventRetractedData")
    public record EventRetracted(
            @Schema(required = true) @NotNull UUID eventId,
            @Schema(required = true) @NotNull RetractionReason reason) implements Payload {
    }
}
