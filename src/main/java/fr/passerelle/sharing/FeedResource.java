package fr.passerelle.sharing;

import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.audit.AuditScope;
import fr.passerelle.platform.audit.Audited;
import fr.passerelle.platform.audit.Purpose;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.ETags;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/feed")
@Tag(name = "Change feed")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final FeedService feed;
    private final CurrentCaller caller;
    private final AuditScope audit;
    private final PasserelleConfig config;

    public FeedResource(FeedService feed, CurrentCaller caller, AuditScope audit, PasserelleConfig config) {
        this.audit = audit;
        this.feed = feed;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Blocking
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Audited(Purpose.SYNCHRONISATION)
    @Operation(operationId = "readFeed", summary = "The organisation's change feed",
            description = "Every event the organisation may see, in one total order, plus SHARE_STARTED and SHARE_ENDED notices "
                    + "for a Mission Locale. A département gets every event of the pathways it owns; a Mission Locale the events "
                    + "of the pathways shared with it, as it may see them, while the share lasts.\n\n"
                    + "Follow `nextCursor` (pass it as `after`): a reader that does so sees every entry exactly once, even when "
                    + "writers commit concurrently and out of order, because a page only holds entries of transactions older "
                    + "than every transaction still running. Without `after`, the feed starts at its oldest retained entry.\n\n"
                    + "Cheap polling: `wait` holds the request up to that many seconds (at most 25) until an entry arrives; "
                    + "the ETag is the next cursor, so `If-None-Match` with it answers 304 while nothing is new.\n\n"
                    + "Retention: entries are kept 30 days (`passerelle.feed.retention`); an older cursor answers 410 and the "
                    + "reader resynchronises from the pathways.")
    @APIResponse(responseCode = "200", description = "Entries after the cursor, at most `limit`",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = FeedPage.class)))
    @APIResponse(responseCode = "304", description = "Nothing new since the cursor named in If-None-Match")
    @APIResponse(responseCode = "410", ref = "Gone")
    public Uni<Response> read(
            @Parameter(description = "`nextCursor` of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) @QueryParam("after") String after,
            @Parameter(description = "Page size, 1 to 1000", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "100", minimum = "1", maximum = "1000"))
            @QueryParam("limit") Integer limit,
            @Parameter(description = "Seconds to wait for an entry when there is none, 0 to 25",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "0", minimum = "0", maximum = "25")) @QueryParam("wait") Integer wait,
            @Parameter(description = "The ETag of the previous answer") @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ETags.requireQuoted(ifNoneMatch, HttpHeaders.IF_NONE_MATCH);
        Caller reader = caller.get();
        AuditScope.Snapshot scope = audit.snapshot();
        int size = bounded("limit", limit, 100, 1, config.feed().maxPageSize());
        int seconds = bounded("wait", wait, 0, 0, (int) config.feed().maxWait().toSeconds());
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        return untilEntries(feed.page(reader, after, size, scope), reader, after, size, deadline, scope).map(page -> {
            String etag = "\"" + page.nextCursor() + "\"";
            if (page.empty() && ETags.noneMatchNames(ifNoneMatch, etag)) {
                return Response.notModified().tag(page.nextCursor()).build();
            }
            return Response.ok(page.json(), MediaType.APPLICATION_JSON).header(HttpHeaders.ETAG, etag).build();
        });
    }

    /**
     * The first read runs on the request's worker thread (the endpoint is blocking: one hop from the event loop, none
     * back and forth); while the page is empty and the wait lasts, reads again shortly after, without holding a thread.
     */
    private Uni<FeedService.RenderedPage> untilEntries(FeedService.RenderedPage page, Caller reader, String after, int size, long deadline,
            AuditScope.Snapshot scope) {
        if (!page.empty() || System.nanoTime() >= deadline) {
            return Uni.createFrom().item(page);
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(POLL_INTERVAL)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(ignored -> feed.page(reader, after, size, scope))
                .flatMap(next -> untilEntries(next, reader, after, size, deadline, scope));
    }

    private static int bounded(String parameter, Integer value, int defaultValue, int min, int max) {
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, parameter + " must be between " + min + " and " + max + ".",
                    List.of(Problem.FieldError.atParameter(parameter, "must be between " + min + " and " + max)));
        }
        return value;
    }
}
