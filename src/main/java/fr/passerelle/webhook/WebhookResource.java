package fr.passerelle.webhook;

import fr.passerelle.platform.idempotency.IdempotencyService;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Page;
import fr.passerelle.platform.web.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/webhooks")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final WebhookService service;
    private final IdempotencyService idempotency;
    private final CurrentCaller caller;
    private final PageRequest pages;

    public WebhookResource(WebhookService service, IdempotencyService idempotency, CurrentCaller caller, PageRequest pages) {
        this.service = service;
        this.idempotency = idempotency;
        this.caller = caller;
        this.pages = pages;
    }

    @POST
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerWebhook", summary = "Register an endpoint to receive the organisation's feed entries",
            description = "Each feed entry is POSTed as JSON (the FeedEntry schema) with the headers `Webhook-Id` (unique per "
                    + "delivery), `Webhook-Timestamp` (Unix seconds) and `Webhook-Signature: v1,<base64 HMAC-SHA256 of "
                    + "id.timestamp.body>`, keyed with the base64-decoded part of the secret after `whsec_` (the Standard Webhooks "
                    + "scheme). Any 2xx acknowledges it; anything else, or no answer within 5 s, "
                    + "is retried with exponential backoff (10 s, 20 s, 40 s... up to 1 h), 10 attempts, then the delivery "
                    + "is DEAD until redelivered. Delivery is at least once and may be out of order: use the cursor to order "
                    + "and deduplicate. HTTPS only. Nothing is sent until the platform operator approves the endpoint. The "
                    + "secret is shown only in this answer.")
    @APIResponse(responseCode = "201", description = "Registered, awaiting approval",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response register(@Parameter(description = IdempotencyService.KEY_DESCRIPTION) @HeaderParam(IdempotencyService.HEADER) String key,
            @Valid @NotNull WebhookRequest body, @Context UriInfo uri) {
        return idempotency.respond(caller.get().organisationId(), key, "POST", uri.getPath(), body, () -> {
            WebhookView created = service.register(caller.get(), body);
            return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
        });
    }

    @GET
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.ADMIN})
    @Operation(operationId = "listWebhooks", summary = "The caller's webhooks (every one for admin)")
    @APIResponse(responseCode = "200", description = "The webhooks",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, maxItems = 10000, implementation = WebhookView.class)))
    public List<WebhookView> list() {
        return service.list(caller.get());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.ADMIN})
    @Operation(operationId = "getWebhook", summary = "One webhook")
    @APIResponse(responseCode = "200", description = "The webhook")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public WebhookView get(@PathParam("id") UUID id) {
        return service.get(caller.get(), id);
    }

    @POST
    @Path("/{id}/approval")
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(operationId = "approveWebhook", summary = "Approve a webhook endpoint (platform operator)")
    @APIResponse(responseCode = "200", description = "Active", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response approve(@PathParam("id") UUID id,
            @Parameter(description = IdempotencyService.KEY_DESCRIPTION) @HeaderParam(IdempotencyService.HEADER) String key,
            @Context UriInfo uri) {
        return idempotency.respond(caller.get().organisationId(), key, "POST", uri.getPath(), null,
                () -> Response.ok(service.approve(id)).build());
    }

    @POST
    @Path("/{id}/deactivation")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.ADMIN})
    @Operation(operationId = "disableWebhook", summary = "Stop deliveries to a webhook")
    @APIResponse(responseCode = "200", description = "Disabled", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response disable(@PathParam("id") UUID id,
            @Parameter(description = IdempotencyService.KEY_DESCRIPTION) @HeaderParam(IdempotencyService.HEADER) String key,
            @Context UriInfo uri) {
        return idempotency.respond(caller.get().organisationId(), key, "POST", uri.getPath(), null,
                () -> Response.ok(service.disable(caller.get(), id)).build());
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.ADMIN})
    @Operation(operationId = "listWebhookDeliveries", summary = "Each delivery's state, oldest first")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Page<DeliveryView> deliveries(@PathParam("id") UUID id, @QueryParam("status") DeliveryView.Status status,
            @Parameter(description = "`nextCursor` of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "50", minimum = "1", maximum = "500"))
            @QueryParam("limit") Integer limit) {
        return service.deliveries(caller.get(), id, status, cursor, pages.limit(limit));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redelivery")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send a delivery again, whatever became of it")
    @APIResponse(responseCode = "202", description = "Due again now")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId,
            @Parameter(description = IdempotencyService.KEY_DESCRIPTION) @HeaderParam(IdempotencyService.HEADER) String key,
            @Context UriInfo uri) {
        return idempotency.respond(caller.get().organisationId(), key, "POST", uri.getPath(), null, () -> {
            service.redeliver(caller.get(), id, deliveryId);
            return Response.accepted().build();
        });
    }
}
