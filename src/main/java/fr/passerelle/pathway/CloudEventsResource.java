package fr.passerelle.pathway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.audit.Audited;
import fr.passerelle.platform.audit.Purpose;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.CorrelationId;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.web.Page;
import fr.passerelle.platform.web.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Pathway events pushed as CloudEvents 1.0 (structured JSON mode), one at a time or in batches.
 * Goes through the same write path as the interactive resources.
 */
@Path("/api/v1/events")
@Tag(name = "Events")
@Produces(MediaType.APPLICATION_JSON)
public class CloudEventsResource {

    public static final String SINGLE = "application/cloudevents+json";
    public static final String BATCH = "application/cloudevents-batch+json";
    private static final String DRY_RUN = "**Dry run** (`?dryRun=true`): every check of a real push runs (schema, catalogue, age "
            + "and date rules, authorisation, duplicates) and the answer is the one a real push would get, but nothing is stored: no "
            + "event, pathway, share, feed entry, webhook delivery, count or rejection. One audit record (operation DRY_RUN) is kept. "
            + "See the conformance scenario (`/api/v1/conformance/scenario`).";
    private static final String DRY_RUN_PARAMETER = "Check the events as a real push would, store nothing";

    private final PathwayWriteService write;
    private final PathwayConformanceService conformance;
    private final CloudEventReader reader;
    private final RejectedEventService rejected;
    private final ObjectMapper mapper;
    private final CurrentCaller caller;
    private final PasserelleConfig config;
    private final PageRequest pages;

    public CloudEventsResource(PathwayWriteService write, PathwayConformanceService conformance, CloudEventReader reader,
            RejectedEventService rejected, ObjectMapper mapper, CurrentCaller caller, PasserelleConfig config, PageRequest pages) {
        this.write = write;
        this.conformance = conformance;
        this.reader = reader;
        this.rejected = rejected;
        this.mapper = mapper;
        this.caller = caller;
        this.config = config;
        this.pages = pages;
    }

    @POST
    @Consumes(SINGLE)
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.SYNCHRONISATION)
    @Operation(operationId = "pushEvent", summary = "Push one pathway event (CloudEvent)",
            description = "CloudEvents 1.0, structured JSON mode (`application/cloudevents+json`); the event catalogue "
                    + "(`GET /api/v1/event-types`) lists the types. `source` + `id` identify an event: pushing it again stores "
                    + "nothing and answers 200 with the receipt of the event stored the first time. A rejected event answers "
                    + "its problem detail, and is kept for reconciliation (`GET /api/v1/events/rejections`).\n\n"
                    + DRY_RUN + " An accepted event then answers 200 (not 201) without `eventId`, and without `pathwayId` when it "
                    + "would register a new young person.")
    @RequestBody(required = true, content = @Content(mediaType = SINGLE, schema = @Schema(implementation = CloudEventDocument.class)))
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(schema = @Schema(implementation = EventReceipt.class)))
    @APIResponse(responseCode = "200", description = "Already stored: a duplicate of an event pushed before",
            content = @Content(schema = @Schema(implementation = EventReceipt.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "410", ref = "Gone")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response pushOne(String body, @Parameter(description = DRY_RUN_PARAMETER) @QueryParam("dryRun") Boolean dryRun,
            @Context ContainerRequestContext request) throws IOException {
        JsonNode event = mapper.readTree(body == null ? "" : body);
        if (event == null || !event.isObject()) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The body must be one CloudEvent, a JSON object.");
        }
        EventSubmission submission = reader.read(event);
        EventOutcome outcome = record(List.of(submission), dryRun).get(0);
        if (outcome.status() == EventOutcome.Status.REJECTED) {
            throw outcome.rejection();
        }
        EventReceipt receipt = receipt(0, submission, outcome, request);
        boolean created = outcome.status() == EventOutcome.Status.ACCEPTED && !Boolean.TRUE.equals(dryRun);
        return Response.status(created ? 201 : 200).entity(receipt).build();
    }

    /**
     * The batch as the first version of the contract took it, on the path of single events: kept for
     * the clients written then, out of the contract (one operation per body shape), same behaviour as
     * {@link #pushBatch}.
     */
    @POST
    @Consumes(BATCH)
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.SYNCHRONISATION)
    @Operation(hidden = true)
    public BatchReport pushBatchOnEventsPath(String body, @QueryParam("dryRun") Boolean dryRun, @Context ContainerRequestContext request)
            throws IOException {
        return pushBatch(body, dryRun, request);
    }

    @POST
    @Path("/batches")
    @Consumes(BATCH)
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.SYNCHRONISATION)
    @Operation(operationId = "pushEventBatch", summary = "Push a batch of pathway events (CloudEvents batch)",
            description = "CloudEvents 1.0 JSON batch (`application/cloudevents-batch+json`): an array of at most 1,000 events "
                    + "(`passerelle.limits.max-batch-events`). 200 with one receipt per event, in the order sent: ACCEPTED, "
                    + "DUPLICATE or REJECTED with its problem detail. Events are checked in order, so a batch may register a "
                    + "young person and record their steps. Valid events are stored even when others are rejected; every "
                    + "rejected event is kept for reconciliation (`GET /api/v1/events/rejections`).\n\n" + DRY_RUN)
    @RequestBody(required = true, content = @Content(mediaType = BATCH,
            schema = @Schema(type = SchemaType.ARRAY, maxItems = 1000, implementation = CloudEventDocument.class)))
    @APIResponse(responseCode = "200", description = "One receipt per event", content = @Content(schema = @Schema(implementation = BatchReport.class)))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public BatchReport pushBatch(String body,
            @Parameter(description = DRY_RUN_PARAMETER) @QueryParam("dryRun") Boolean dryRun,
            @Context ContainerRequestContext request) throws IOException {
        JsonNode events = mapper.readTree(body == null ? "" : body);
        if (events == null || !events.isArray()) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The body must be a JSON array of CloudEvents.");
        }
        int max = config.limits().maxBatchEvents();
        if (events.size() > max) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "The batch holds " + events.size() + " events; the maximum is " + max + ".");
        }
        List<EventSubmission> submissions = new ArrayList<>(events.size());
        events.forEach(event -> submissions.add(reader.read(event)));
        List<EventOutcome> outcomes = record(submissions, dryRun);
        List<EventReceipt> receipts = new ArrayList<>(outcomes.size());
        int[] counts = new int[EventOutcome.Status.values().length];
        for (int i = 0; i < outcomes.size(); i++) {
            receipts.add(receipt(i, submissions.get(i), outcomes.get(i), request));
            counts[outcomes.get(i).status().ordinal()]++;
        }
        return new BatchReport(counts[EventOutcome.Status.ACCEPTED.ordinal()], counts[EventOutcome.Status.DUPLICATE.ordinal()],
                counts[EventOutcome.Status.REJECTED.ordinal()], receipts);
    }

    @GET
    @Path("/rejections")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Operation(operationId = "listRejectedEvents", summary = "The caller's rejected events, to reconcile",
            description = "Oldest first. `resolved` tells whether an event with the same source and id was accepted since.")
    @APIResponse(responseCode = "200", description = "One page")
    public Page<RejectedEventView> rejections(
            @Parameter(description = "`nextCursor` of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "50",
                    minimum = "1", maximum = "500")) @QueryParam("limit") Integer limit) {
        return rejected.list(caller.get(), cursor, pages.limit(limit));
    }

    private List<EventOutcome> record(List<EventSubmission> submissions, Boolean dryRun) {
        return Boolean.TRUE.equals(dryRun) ? conformance.dryRun(caller.get(), submissions) : write.record(caller.get(), submissions);
    }

    private static EventReceipt receipt(int index, EventSubmission submission, EventOutcome outcome, ContainerRequestContext request) {
        return new EventReceipt(index, submission.source(), submission.sourceId(), outcome.status(), outcome.eventId(),
                outcome.pathwayId(), outcome.rejection() == null ? null
                        : outcome.rejection().toProblem(request.getUriInfo().getRequestUri().getRawPath(), CorrelationId.of(request)));
    }

    /**
     * The CloudEvents envelope; in the contract, {@link EventContract} turns it into one schema per
     * type, discriminated by {@code type}, whose {@code data} is that type's data.
     */
    @Schema(name = EventContract.ENVELOPE, description = "CloudEvents 1.0, JSON format. `type` is `fr.passerelle.` + a type of the "
            + "catalogue (`GET /api/v1/event-types`), and `data` that type's data. Exactly one of the extension attributes "
            + "`pathwayid` and `casereference` names the young person. The first event about an unknown case reference must be "
            + "`fr.passerelle.ase.support-started.v1` with `data.youngPerson`: it registers the young person. A correction "
            + "(`fr.passerelle.event.corrected.v1`) has data `{eventId, targetType, data}`.")
    public record CloudEventDocument(
            @Schema(required = true, enumeration = "1.0") String specversion,
            @Schema(required = true, minLength = 1, maxLength = 200, description = "Unique per source",
                    example = "3c6f0a52-8d1e-4c0b-9b53-1f7e2f7c0a11") String id,
            @Schema(required = true, minLength = 1, maxLength = 200, description = "URI-reference of the sending system",
                    example = "urn:solis:cd33") String source,
            @Schema(required = true, maxLength = 80, example = "fr.passerelle.mission-locale.solicited.v1") String type,
            @Schema(required = true, format = "date-time", maxLength = 35,
                    description = "When the step happened (RFC 3339); its Europe/Paris date is the date that counts",
                    example = "2025-03-12T10:00:00+01:00") String time,
            @Schema(format = "uuid", maxLength = 36, description = "A pathway id") String pathwayid,
            @Schema(minLength = 1, maxLength = 64, description = "The département's case reference") String casereference,
            @Schema(enumeration = "application/json") String datacontenttype,
            @Schema(maxLength = 200, description = "Not used by the service") String subject,
            @Schema(maxLength = 2048, description = "Not used by the service") String dataschema,
            @Schema(required = true, description = "The data of the event's type") Map<String, Object> data) {
    }
}
