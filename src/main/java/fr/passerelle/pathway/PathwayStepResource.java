package fr.passerelle.pathway;

import fr.passerelle.platform.idempotency.IdempotencyService;
import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.audit.Audited;
import fr.passerelle.platform.audit.Purpose;
import fr.passerelle.platform.problem.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One resource per step of the pathway, for interactive clients. Each records one event through
 * the same write path as the CloudEvents endpoint. Every write takes an optional Idempotency-Key;
 * PUTs and the writes that change history or ownership require If-Match. A PUT of the value the
 * pathway holds, and a confirmation or dispute its author already made, record nothing (200).
 */
@Path("/api/v1/pathways/{id}")
@Tag(name = "Pathway steps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "201", description = "Recorded; ETag is the pathway's new version", headers = {
    @Header(name = HttpHeaders.LOCATION, description = "The recorded event", schema = @Schema(type = SchemaType.STRING)),
    @Header(name = HttpHeaders.ETAG, description = "The pathway's new version", schema = @Schema(type = SchemaType.STRING))},
        content = @Content(schema = @Schema(implementation = EventView.class)))
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "409", ref = "Conflict")
@APIResponse(responseCode = "410", ref = "Gone")
@APIResponse(responseCode = "412", ref = "PreconditionFailed")
@APIResponse(responseCode = "422", ref = "ValidationFailed")
public class PathwayStepResource {

    private static final String IF_MATCH = "ETag of the pathway as read";
    private static final String KEY = "Makes a retry safe: same key and body, same response";
    private static final String HELD = "Already held: the caller stated the same before (same date and data, or the same word on "
            + "the joint step); nothing is recorded and the answer is the event that holds it";

    private final PathwayCommandService commands;
    private final CurrentCaller caller;
    private final Clock clock;

    public PathwayStepResource(PathwayCommandService commands, CurrentCaller caller, Clock clock) {
        this.commands = commands;
        this.caller = caller;
        this.clock = clock;
    }

    @PUT
    @Path("/ase-support")
    @RolesAllowed(Role.Names.DEPARTEMENT)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "changeAseSupport", summary = "ASE support changed: placement, measure, young-adult contract")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    @APIResponse(responseCode = "200", description = HELD, headers = {
        @Header(name = HttpHeaders.LOCATION, description = "The event that holds it", schema = @Schema(type = SchemaType.STRING)),
        @Header(name = HttpHeaders.ETAG, description = "The pathway's current version", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = EventView.class)))
    public Response changeAseSupport(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.AseSupportChanged> body, @Context UriInfo uri) {
        return record(id, EventType.ASE_SUPPORT_CHANGED, body, ifMatch, true, key, uri);
    }

    @POST
    @Path("/ase-exits")
    @RolesAllowed(Role.Names.DEPARTEMENT)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "endAseSupport", summary = "The young person left ASE (sortie de l'ASE), with the reason")
    public Response endAseSupport(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.AseSupportEnded> body, @Context UriInfo uri) {
        return record(id, EventType.ASE_SUPPORT_ENDED, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/solicitations")
    @RolesAllowed(Role.Names.DEPARTEMENT)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "solicitMissionLocale", summary = "The département solicits a Mission Locale (from 16)",
            description = "Starts sharing the pathway with that Mission Locale, unless the young person withdrew consent.")
    public Response solicit(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.MissionLocaleSolicited> body, @Context UriInfo uri) {
        return record(id, EventType.MISSION_LOCALE_SOLICITED, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/first-contacts")
    @RolesAllowed(Role.Names.MISSION_LOCALE)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "recordFirstContact", summary = "First contact between the young person and a counsellor (Mission Locale)")
    public Response firstContact(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.FirstContact> body, @Context UriInfo uri) {
        return record(id, EventType.FIRST_CONTACT, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/registrations")
    @RolesAllowed(Role.Names.MISSION_LOCALE)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "recordMissionLocaleRegistration", summary = "Registration at the Mission Locale for follow-up",
            description = "May link the Mission Locale's own identifier for the young person.")
    public Response registration(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.MissionLocaleRegistered> body, @Context UriInfo uri) {
        return record(id, EventType.MISSION_LOCALE_REGISTERED, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/mission-locale-references")
    @RolesAllowed(Role.Names.MISSION_LOCALE)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "linkMissionLocaleReference", summary = "Link the Mission Locale's own identifier for the young person",
            description = "Then `GET /api/v1/shared-pathways?missionLocaleReference=...` finds the pathway.")
    public Response linkReference(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.MissionLocaleReferenceLinked> body, @Context UriInfo uri) {
        return record(id, EventType.MISSION_LOCALE_REFERENCE_LINKED, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/reviews")
    @RolesAllowed(Role.Names.DEPARTEMENT)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "recordReview", summary = "17-year interview / pathway review held (art. L222-5-1 CASF)",
            description = "In binôme when a Mission Locale counsellor took part; that Mission Locale then confirms it.")
    public Response review(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.ReviewHeld> body, @Context UriInfo uri) {
        return record(id, EventType.REVIEW_HELD, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/orientation-diagnostics")
    @RolesAllowed(Role.Names.MISSION_LOCALE)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "recordOrientationDiagnostic", summary = "Orientation diagnostic by a Mission Locale counsellor")
    public Response diagnostic(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.OrientationDiagnosticCompleted> body, @Context UriInfo uri) {
        return record(id, EventType.ORIENTATION_DIAGNOSTIC_COMPLETED, body, ifMatch, false, key, uri);
    }

    @PUT
    @Path("/autonomy-project")
    @RolesAllowed(Role.Names.DEPARTEMENT)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "recordAutonomyProject", summary = "Autonomy project (PAA) elaborated or updated",
            description = "Joint when elaborated with a Mission Locale counsellor; that Mission Locale then confirms it.")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    @APIResponse(responseCode = "200", description = HELD, headers = {
        @Header(name = HttpHeaders.LOCATION, description = "The event that holds it", schema = @Schema(type = SchemaType.STRING)),
        @Header(name = HttpHeaders.ETAG, description = "The pathway's current version", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = EventView.class)))
    public Response autonomyProject(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.AutonomyProjectRecorded> body, @Context UriInfo uri) {
        return record(id, EventType.AUTONOMY_PROJECT_RECORDED, body, ifMatch, true, key, uri);
    }

    @POST
    @Path("/handover-decisions")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "recordHandoverDecision", summary = "Co-intervention or relay decided with the young person")
    public Response handover(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.HandoverDecided> body, @Context UriInfo uri) {
        return record(id, EventType.HANDOVER_DECIDED, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/cej-proposals")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "recordCejProposal", summary = "Contrat d'Engagement Jeune proposed, with the young person's decision")
    public Response cejProposal(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.CejProposed> body, @Context UriInfo uri) {
        return record(id, EventType.CEJ_PROPOSED, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/cej-entries")
    @RolesAllowed(Role.Names.MISSION_LOCALE)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "recordCejEntry", summary = "The young person entered the CEJ")
    public Response cejEntry(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.CejStarted> body, @Context UriInfo uri) {
        return record(id, EventType.CEJ_STARTED, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/cej-exits")
    @RolesAllowed(Role.Names.MISSION_LOCALE)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "recordCejExit", summary = "The young person left the CEJ, with the outcome")
    public Response cejExit(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.CejEnded> body, @Context UriInfo uri) {
        return record(id, EventType.CEJ_ENDED, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/rights-information")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "recordRightsInformation", summary = "The young person was informed of their rights")
    public Response rightsInformation(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.RightsInformationGiven> body, @Context UriInfo uri) {
        return record(id, EventType.RIGHTS_INFORMATION_GIVEN, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/eligibility-checks")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "recordEligibilityCheck", summary = "Eligibility to common-law schemes checked")
    public Response eligibility(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.EligibilityChecked> body, @Context UriInfo uri) {
        return record(id, EventType.ELIGIBILITY_CHECKED, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/fragility-assessments")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "recordFragilityAssessment", summary = "Fragilities identified (repérage des fragilités)")
    public Response fragility(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.FragilityAssessed> body, @Context UriInfo uri) {
        return record(id, EventType.FRAGILITY_ASSESSED, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/training-obligation-reports")
    @RolesAllowed(Role.Names.MISSION_LOCALE)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "reportTrainingObligation", summary = "The Mission Locale reports a 16-17 NEET's non-compliance with the training obligation")
    public Response trainingObligation(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.TrainingObligationReported> body, @Context UriInfo uri) {
        return record(id, EventType.TRAINING_OBLIGATION_REPORTED, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/situations")
    @RolesAllowed(Role.Names.MISSION_LOCALE)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "recordSituation", summary = "The Mission Locale records the young person's situation "
            + "(education, training, work-study, employment, ...)")
    public Response situation(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.SituationUpdated> body, @Context UriInfo uri) {
        return record(id, EventType.SITUATION_UPDATED, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/consents")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "recordConsent", summary = "The young person agrees to sharing with the Missions Locales solicited")
    public Response consent(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.ConsentRecorded> body, @Context UriInfo uri) {
        return record(id, EventType.CONSENT_RECORDED, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/consent-withdrawals")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "withdrawConsent", summary = "The young person withdraws their agreement: every share ends at once")
    public Response withdrawConsent(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.ConsentWithdrawn> body, @Context UriInfo uri) {
        return record(id, EventType.CONSENT_WITHDRAWN, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/share-endings")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "endShare", summary = "A Mission Locale stops following the young person (end of handover, move)")
    public Response endShare(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.ShareEnded> body, @Context UriInfo uri) {
        return record(id, EventType.SHARE_ENDED, body, ifMatch, false, key, uri);
    }

    @POST
    @Path("/transfers")
    @RolesAllowed(Role.Names.DEPARTEMENT)
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "transferPathway", summary = "Transfer the pathway to another collectivity",
            description = "The new collectivity owns the pathway from then on; the history stays. The former owner loses access. "
                    + "The shares the former owner solicited end at the transfer's date: each of those Missions Locales gets a "
                    + "SHARE_ENDED notice (feed and webhooks), and learns nothing of where the young person went. The new "
                    + "collectivity restores a share by soliciting that Mission Locale again.")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response transfer(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull StepRequest<EventData.PathwayTransferred> body, @Context UriInfo uri) {
        return record(id, EventType.PATHWAY_TRANSFERRED, body, ifMatch, true, key, uri);
    }

    @POST
    @Path("/events/{eventId}/corrections")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "correctEvent", summary = "Correct an event's date and data (only by the organisation that recorded it)",
            description = "The event is kept; the latest correction applies.")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response correct(@PathParam("id") UUID id, @PathParam("eventId") UUID eventId,
            @Parameter(description = IF_MATCH, required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull CorrectionRequest body, @Context UriInfo uri) {
        // JSON null reads as a null node, which @NotNull lets through.
        if (!body.data().isObject()) {
            throw ApiException.invalid("/data", "must be a JSON object: the corrected data of the event");
        }
        return PathwayResource.respond(commands.step(caller.get(), StepCommand.correction(id, eventId, body.occurredOn(), body.data()),
                ifMatch, true, key, uri.getPath()));
    }

    @POST
    @Path("/events/{eventId}/retractions")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "retractEvent", summary = "Retract an event (only by the organisation that recorded it)",
            description = "The event leaves the state; the history keeps it.")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response retract(@PathParam("id") UUID id, @PathParam("eventId") UUID eventId,
            @Parameter(description = IF_MATCH, required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull RetractionRequest body, @Context UriInfo uri) {
        return PathwayResource.respond(commands.step(caller.get(), StepCommand.of(id, EventType.EVENT_RETRACTED, today(),
                new EventData.EventRetracted(eventId, body.reason())), ifMatch, true, key, uri.getPath()));
    }

    @POST
    @Path("/events/{eventId}/confirmations")
    // No body, so no Content-Type to require: the class-level JSON would answer 415 to a bare POST.
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "confirmJointStep", summary = "Attest a joint step (binôme review or joint autonomy project)",
            description = "By the Mission Locale the step names; the département that recorded it has attested it by recording it.")
    @APIResponse(responseCode = "200", description = HELD, headers = {
        @Header(name = HttpHeaders.LOCATION, description = "The event that holds it", schema = @Schema(type = SchemaType.STRING)),
        @Header(name = HttpHeaders.ETAG, description = "The pathway's current version", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = EventView.class)))
    public Response confirm(@PathParam("id") UUID id, @PathParam("eventId") UUID eventId,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key, @Context UriInfo uri) {
        return PathwayResource.respond(commands.step(caller.get(), StepCommand.of(id, EventType.JOINT_STEP_CONFIRMED, today(),
                new EventData.JointStepConfirmed(eventId)), null, false, key, uri.getPath()));
    }

    @POST
    @Path("/events/{eventId}/disputes")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.PATHWAY_FOLLOW_UP)
    @Operation(operationId = "disputeJointStep", summary = "Dispute that a step was joint")
    @APIResponse(responseCode = "200", description = HELD, headers = {
        @Header(name = HttpHeaders.LOCATION, description = "The event that holds it", schema = @Schema(type = SchemaType.STRING)),
        @Header(name = HttpHeaders.ETAG, description = "The pathway's current version", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = EventView.class)))
    public Response dispute(@PathParam("id") UUID id, @PathParam("eventId") UUID eventId,
            @Parameter(description = KEY) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull DisputeRequest body, @Context UriInfo uri) {
        return PathwayResource.respond(commands.step(caller.get(), StepCommand.of(id, EventType.JOINT_STEP_DISPUTED, today(),
                new EventData.JointStepDisputed(eventId, body.reason())), null, false, key, uri.getPath()));
    }

    private Response record(UUID id, EventType type, StepRequest<? extends EventData.Payload> body, String ifMatch,
            boolean ifMatchRequired, String key, UriInfo uri) {
        return PathwayResource.respond(commands.step(caller.get(), StepCommand.of(id, type, body.occurredOn(), body.data()),
                ifMatch, ifMatchRequired, key, uri.getPath()));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(CloudEventReader.PARIS));
    }
}
