package fr.passerelle.pathway;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.audit.AuditService;
import fr.passerelle.platform.idempotency.IdempotencyService;
import fr.passerelle.platform.idempotency.StoredResponse;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.web.ETags;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Interactive writes: each request becomes one event on the single write path, under its
 * Idempotency-Key and If-Match rules, and answers with what was recorded.
 */
@ApplicationScoped
public class PathwayCommandService {

    static final String API_SOURCE = "urn:passerelle:api";
    private static final String PATHWAYS = "/api/v1/pathways/";

    private final PathwayWriteService write;
    private final PathwayQueryService query;
    private final IdempotencyService idempotency;
    private final EventCodec codec;
    private final Clock clock;
    private final AuditService audit;

    public PathwayCommandService(PathwayWriteService write, PathwayQueryService query, IdempotencyService idempotency,
            EventCodec codec, Clock clock, AuditService audit) {
        this.write = write;
        this.query = query;
        this.idempotency = idempotency;
        this.codec = codec;
        this.clock = clock;
        this.audit = audit;
    }

    /** Registers a young person: 201 with the new pathway. */
    public StoredResponse register(Caller caller, RegistrationRequest request, String idempotencyKey, String path) {
        String requestHash = IdempotencyService.requestHash("POST", path, codec.encode(request));
        return idempotency.execute(caller.organisationId(), idempotencyKey, requestHash, () -> {
            RegistrationRequest.AseSupport ase = request.aseSupport();
            EventSubmission.Readable submission = new EventSubmission.Readable(API_SOURCE, UUID.randomUUID().toString(),
                    EventType.ASE_SUPPORT_STARTED, new EventSubmission.PathwayReference(null, request.caseReference()),
                    ase.startedOn(), null, new EventData.AseSupportStarted(ase.placement(), ase.measure(), ase.youngAdultContract()),
                    null, null, request.youngPerson(), true, null);
            EventOutcome outcome = recordOne(caller, submission);
            var pathway = query.afterWrite(caller, outcome.pathwayId());
            return new StoredResponse(201, codec.encode(pathway.value()), pathway.etag(), "/api/v1/pathways/" + outcome.pathwayId());
        }, replayed -> auditReplay(caller, replayed));
    }

    /** Records one step: 201 with the event, the pathway's new ETag and the event's address. */
    public StoredResponse step(Caller caller, StepCommand command, String ifMatch, boolean ifMatchRequired, String idempotencyKey,
            String path) {
        Long expectedVersion = ETags.expectedVersion(ifMatch, ifMatchRequired).orElse(null);
        String requestHash = IdempotencyService.requestHash("POST", path, codec.encode(command));
        return idempotency.execute(caller.organisationId(), idempotencyKey, requestHash, () -> {
            EventSubmission.Readable submission = new EventSubmission.Readable(API_SOURCE, UUID.randomUUID().toString(),
                    command.type(), EventSubmission.PathwayReference.byId(command.pathwayId()), command.occurredOn(), null,
                    command.data(), command.targetEventId(), command.correctionData(), null, false, expectedVersion);
            EventOutcome outcome = recordOne(caller, submission);
            JsonNode data = command.data() != null ? codec.toTree(command.data())
                    : EventView.correctionData(command.targetEventId(), query.typeOf(command.targetEventId()), command.correctionData());
            EventView event = new EventView(outcome.eventId(), outcome.pathwayId(), command.type().typeName(), command.occurredOn(),
                    Instant.now(clock), new EventView.RecordedBy(caller.role().organisationKind(), caller.organisationId()),
                    command.targetEventId(), data, EventView.Status.ACTIVE, List.of(), null);
            return new StoredResponse(201, codec.encode(event), ETags.of(outcome.pathwayVersion()),
                    "/api/v1/pathways/" + outcome.pathwayId() + "/events/" + outcome.eventId());
        }, replayed -> auditReplay(caller, replayed));
    }

    /** A kept response handed out again is a read of the pathway it is about: recorded like one. */
    private void auditReplay(Caller caller, StoredResponse replayed) {
        if (replayed.location() != null && replayed.location().startsWith(PATHWAYS)) {
            String rest = replayed.location().substring(PATHWAYS.length());
            int slash = rest.indexOf('/');
            audit.record(caller, AuditService.Operation.READ, List.of(UUID.fromString(slash < 0 ? rest : rest.substring(0, slash))));
        }
    }

    /**
     * Rectifies the young person's identity (art. 16 GDPR): the new values replace the old ones, and
     * an event names the fields that changed, so that partners know to read them again.
     */
    public StoredResponse rectify(Caller caller, UUID pathwayId, YoungPerson person, String ifMatch, String path) {
        Long expectedVersion = ETags.expectedVersion(ifMatch, true).orElse(null);
        String requestHash = IdempotencyService.requestHash("PUT", path, codec.encode(person));
        return idempotency.execute(caller.organisationId(), null, requestHash, () -> {
            EventSubmission.Readable submission = new EventSubmission.Readable(API_SOURCE, UUID.randomUUID().toString(),
                    EventType.IDENTITY_RECTIFIED, EventSubmission.PathwayReference.byId(pathwayId),
                    LocalDate.now(clock.withZone(CloudEventReader.PARIS)), null, null, null, null, person, false,
                    expectedVersion);
            EventOutcome outcome = recordOne(caller, submission);
            var pathway = query.afterWrite(caller, pathwayId);
            return new StoredResponse(200, codec.encode(pathway.value()), pathway.etag(), null);
        });
    }

    private EventOutcome recordOne(Caller caller, EventSubmission.Readable submission) {
        EventOutcome outcome = write.record(caller, List.of(submission)).get(0);
        if (outcome.status() == EventOutcome.Status.REJECTED) {
            throw outcome.rejection();
        }
        return outcome;
    }
}
