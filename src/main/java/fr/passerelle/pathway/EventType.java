package fr.passerelle.pathway;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The event catalogue. Each type has a versioned name, the kind of organisation that may record it
 * and the class of its data. A new version of a type is a new constant; old versions stay readable.
 */
public enum EventType {
    PATHWAY_OPENED("pathway.opened.v1", Recorder.DEPARTEMENT, EventData.PathwayOpened.class, Step.SYSTEM),
    ASE_SUPPORT_STARTED("ase.support-started.v1", Recorder.DEPARTEMENT, EventData.AseSupportStarted.class, Step.ASE),
    ASE_SUPPORT_CHANGED("ase.support-changed.v1", Recorder.DEPARTEMENT, EventData.AseSupportChanged.class, Step.ASE),
    ASE_SUPPORT_ENDED("ase.support-ended.v1", Recorder.DEPARTEMENT, EventData.AseSupportEnded.class, Step.ASE),
    MISSION_LOCALE_SOLICITED("mission-locale.solicited.v1", Recorder.DEPARTEMENT, EventData.MissionLocaleSolicited.class, Step.DEPARTEMENT_STEP),
    FIRST_CONTACT("mission-locale.first-contact.v1", Recorder.MISSION_LOCALE, EventData.FirstContact.class, Step.MISSION_LOCALE_STEP),
    MISSION_LOCALE_REGISTERED("mission-locale.registered.v1", Recorder.MISSION_LOCALE, EventData.MissionLocaleRegistered.class, Step.MISSION_LOCALE_STEP),
    MISSION_LOCALE_REFERENCE_LINKED("mission-locale.reference-linked.v1", Recorder.MISSION_LOCALE, EventData.MissionLocaleReferenceLinked.class, Step.ANNOTATION),
    REVIEW_HELD("review.held.v1", Recorder.DEPARTEMENT, EventData.ReviewHeld.class, Step.DEPARTEMENT_STEP),
    ORIENTATION_DIAGNOSTIC_COMPLETED("orientation-diagnostic.completed.v1", Recorder.MISSION_LOCALE, EventData.OrientationDiagnosticCompleted.class, Step.MISSION_LOCALE_STEP),
    AUTONOMY_PROJECT_RECORDED("autonomy-project.recorded.v1", Recorder.DEPARTEMENT, EventData.AutonomyProjectRecorded.class, Step.DEPARTEMENT_STEP),
    HANDOVER_DECIDED("handover.decided.v1", Recorder.BOTH, EventData.HandoverDecided.class, Step.SHARED_STEP),
    CEJ_PROPOSED("cej.proposed.v1", Recorder.BOTH, EventData.CejProposed.class, Step.SHARED_STEP),
    CEJ_STARTED("cej.started.v1", Recorder.MISSION_LOCALE, EventData.CejStarted.class, Step.MISSION_LOCALE_STEP),
    CEJ_ENDED("cej.ended.v1", Recorder.MISSION_LOCALE, EventData.CejEnded.class, Step.MISSION_LOCALE_STEP),
    RIGHTS_INFORMATION_GIVEN("rights.information-given.v1", Recorder.BOTH, EventData.RightsInformationGiven.class, Step.SHARED_STEP),
    ELIGIBILITY_CHECKED("eligibility.checked.v1", Recorder.BOTH, EventData.EligibilityChecked.class, Step.SHARED_STEP),
    FRAGILITY_ASSESSED("fragility.assessed.v1", Recorder.BOTH, EventData.FragilityAssessed.class, Step.SHARED_STEP),
    TRAINING_OBLIGATION_REPORTED("training-obligation.reported.v1", Recorder.MISSION_LOCALE, EventData.TrainingObligationReported.class, Step.MISSION_LOCALE_STEP),
    SITUATION_UPDATED("mission-locale.situation-updated.v1", Recorder.MISSION_LOCALE, EventData.SituationUpdated.class, Step.MISSION_LOCALE_STEP),
    CONSENT_RECORDED("consent.recorded.v1", Recorder.BOTH, EventData.ConsentRecorded.class, Step.SHARED_STEP),
    CONSENT_WITHDRAWN("consent.withdrawn.v1", Recorder.BOTH, EventData.ConsentWithdrawn.class, Step.SHARED_STEP),
    SHARE_ENDED("mission-locale.share-ended.v1", Recorder.BOTH, EventData.ShareEnded.class, Step.SHARED_STEP),
    PATHWAY_TRANSFERRED("pathway.transferred.v1", Recorder.DEPARTEMENT, EventData.PathwayTransferred.class, Step.ASE),
    JOINT_STEP_CONFIRMED("joint-step.confirmed.v1", Recorder.BOTH, EventData.JointStepConfirmed.class, Step.ANNOTATION),
    JOINT_STEP_DISPUTED("joint-step.disputed.v1", Recorder.BOTH, EventData.JointStepDisputed.class, Step.ANNOTATION),
    IDENTITY_RECTIFIED("identity.rectified.v1", Recorder.DEPARTEMENT, EventData.IdentityRectified.class, Step.ANNOTATION),
    PATHWAY_ERASED("pathway.erased.v1", Recorder.PLATFORM, EventData.PathwayErased.class, Step.SYSTEM),
    EVENT_CORRECTED("event.corrected.v1", Recorder.BOTH, null, Step.ANNOTATION),
    EVENT_RETRACTED("event.retracted.v1", Recorder.BOTH, EventData.EventRetracted.class, Step.ANNOTATION);

    /** The fields of ASE support data that a Mission Locale sees (see {@link #cutForMissionLocales()}). */
    public static final Set<String> ASE_FIELDS_SHOWN_TO_MISSION_LOCALES = Set.of("youngAdultContract");

    /** Prefix of the CloudEvents {@code type} attribute. */
    public static final String CLOUDEVENTS_PREFIX = "fr.passerelle.";

    /**
     * How dates are bounded by age: ASE support may be dated from birth; a département's steps from
     * 16 to the 21st birthday; a Mission Locale's steps from 16 to the 26th birthday; annotations
     * (confirmations, corrections, retractions) take the date of the step they touch.
     */
    enum Step {
        SYSTEM,
        ASE,
        DEPARTEMENT_STEP,
        MISSION_LOCALE_STEP,
        SHARED_STEP,
        ANNOTATION
    }

    private static final Map<String, EventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(EventType::typeName, Function.identity()));
    private static final Map<Class<?>, EventType> BY_DATA_CLASS = Arrays.stream(values()).filter(type -> type.dataClass != null)
            .collect(Collectors.toMap(EventType::dataClass, Function.identity()));

    private final String typeName;
    private final Recorder recorder;
    private final Class<? extends EventData.Payload> dataClass;
    private final Step step;

    EventType(String typeName, Recorder recorder, Class<? extends EventData.Payload> dataClass, Step step) {
        this.typeName = typeName;
        this.recorder = recorder;
        this.dataClass = dataClass;
        this.step = step;
    }

    public String typeName() {
        return typeName;
    }

    public String cloudEventType() {
        return CLOUDEVENTS_PREFIX + typeName;
    }

    public Recorder recorder() {
        return recorder;
    }

    Class<? extends EventData.Payload> dataClass() {
        return dataClass;
    }

    /** The version of the type, the number after the last {@code .v} of its name. */
    public int version() {
        return Integer.parseInt(typeName.substring(typeName.lastIndexOf(".v") + 2));
    }

    /** The name of the contract's schema of this type's data, as pushed. */
    public String dataSchemaName() {
        return dataClass == null ? EventContract.CORRECTION_DATA
                : dataClass.getAnnotation(Schema.class).name();
    }

    /** The base of the names of this type's schemas in the contract: its data schema's name without "Data". */
    String schemaBaseName() {
        String data = dataSchemaName();
        return data.substring(0, data.length() - "Data".length());
    }

    Step step() {
        return step;
    }

    /**
     * Types a client may push as CloudEvents: the service records the opening and erasure of a
     * pathway itself, and a rectification of identity goes through its own resource.
     */
    boolean submittable() {
        return this != PATHWAY_OPENED && this != PATHWAY_ERASED && this != IDENTITY_RECTIFIED;
    }

    /** Steps that corrections and retractions may target. */
    boolean correctable() {
        return step != Step.ANNOTATION && step != Step.SYSTEM && this != PATHWAY_TRANSFERRED;
    }

    /**
     * ASE support events, of which a Mission Locale sees only
     * {@link #ASE_FIELDS_SHOWN_TO_MISSION_LOCALES}: never the placement, the measure or the exit reason.
     */
    public boolean cutForMissionLocales() {
        return this == ASE_SUPPORT_STARTED || this == ASE_SUPPORT_CHANGED || this == ASE_SUPPORT_ENDED;
    }

    /** Events that a correction or a retraction may target: the correctable steps, and the attestations of joint steps. */
    boolean correctionTarget() {
        return correctable() || this == JOINT_STEP_CONFIRMED || this == JOINT_STEP_DISPUTED;
    }

    public static Optional<EventType> byName(String typeName) {
        return Optional.ofNullable(BY_NAME.get(typeName));
    }

    /** The type whose data is of that class; a correction's data is of its target's class. */
    public static EventType ofData(EventData.Payload data) {
        return BY_DATA_CLASS.get(data.getClass());
    }

    public static Optional<EventType> byCloudEventType(String type) {
        return type != null && type.startsWith(CLOUDEVENTS_PREFIX)
                ? byName(type.substring(CLOUDEVENTS_PREFIX.length())) : Optional.empty();
    }
}
