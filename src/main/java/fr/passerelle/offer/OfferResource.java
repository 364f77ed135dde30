package fr.passerelle.offer;

import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Csv;
import fr.passerelle.platform.web.Page;
import fr.passerelle.platform.web.PageRequest;
import fr.passerelle.platform.web.Versioned;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/offers")
@Tag(name = "Offers")
@Produces(MediaType.APPLICATION_JSON)
public class OfferResource {

    private static final String SEARCH = "Filters combine with AND. Without `validOn`, offers that have not ended yet.";

    private final OfferService service;
    private final CurrentCaller caller;
    private final PageRequest pages;

    public OfferResource(OfferService service, CurrentCaller caller, PageRequest pages) {
        this.service = service;
        this.caller = caller;
        this.pages = pages;
    }

    @GET
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REGIONAL_ASSOCIATION, Role.Names.REPORTING,
        Role.Names.ADMIN, Role.Names.DPO})
    @Operation(operationId = "searchOffers", summary = "Search the partners' offers of services",
            description = "Ordered by title, then id. " + SEARCH)
    @APIResponse(responseCode = "200", description = "One page")
    public Page<OfferView> search(
            @Parameter(description = "Theme") @QueryParam("theme") Theme theme,
            @Parameter(description = "INSEE commune code the offer covers", example = "33063") @QueryParam("commune") String commune,
            @Parameter(description = "SIREN of an EPCI the offer covers", example = "243300316") @QueryParam("epci") String epci,
            @Parameter(description = "The owner: a collectivity code or a Mission Locale id") @QueryParam("owner") String owner,
            @Parameter(description = "Part of the title or description, case-insensitive") @QueryParam("q") String q,
            @Parameter(description = "Only offers valid on this day") @QueryParam("validOn") LocalDate validOn,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "50", minimum = "1", maximum = "500"))
            @QueryParam("limit") Integer limit) {
        return service.search(new OfferService.Filter(theme, commune, epci, owner, q, validOn), cursor, pages.limit(limit));
    }

    @GET
    @Path("/export")
    @Produces(Csv.MEDIA_TYPE_UTF8)
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REGIONAL_ASSOCIATION, Role.Names.REPORTING,
        Role.Names.ADMIN, Role.Names.DPO})
    @Operation(operationId = "exportOffers", summary = "Every matching offer as CSV",
            description = "RFC 4180, UTF-8, header row, the columns of the import (lists space-separated), so that an owner's "
                    + "export, edited, imports back. " + SEARCH)
    @APIResponse(responseCode = "200", description = "The offers", content = @Content(mediaType = Csv.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING, maxLength = Integer.MAX_VALUE, description = "Streamed: as long as the offers selected")))
    public Response export(
            @Parameter(description = "Theme") @QueryParam("theme") Theme theme,
            @Parameter(description = "INSEE commune code the offer covers", example = "33063") @QueryParam("commune") String commune,
            @Parameter(description = "SIREN of an EPCI the offer covers", example = "243300316") @QueryParam("epci") String epci,
            @Parameter(description = "The owner: a collectivity code or a Mission Locale id") @QueryParam("owner") String owner,
            @Parameter(description = "Part of the title or description, case-insensitive") @QueryParam("q") String q,
            @Parameter(description = "Only offers valid on this day") @QueryParam("validOn") LocalDate validOn) {
        return Response.ok(service.exportCsv(new OfferService.Filter(theme, commune, epci, owner, q, validOn)), Csv.MEDIA_TYPE_UTF8)
                .header("Content-Disposition", "attachment; filename=\"offers.csv\"").build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REGIONAL_ASSOCIATION, Role.Names.REPORTING,
        Role.Names.ADMIN, Role.Names.DPO})
    @Operation(operationId = "getOffer", summary = "One offer")
    @APIResponse(responseCode = "200", description = "The offer", headers = @Header(name = HttpHeaders.ETAG,
            description = "Send it back in If-Match to update", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = OfferView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") UUID id) {
        return ok(service.get(id));
    }

    @POST
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createOffer", summary = "Publish an offer of the calling collectivity or Mission Locale")
    @APIResponse(responseCode = "201", description = "Created", headers = {
        @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING)),
        @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = OfferView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@Valid @NotNull OfferRequest body, @Context UriInfo uri) {
        Versioned<OfferView> created = service.create(caller.get(), body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.value().id().toString()).build())
                .header(HttpHeaders.ETAG, created.etag()).entity(created.value()).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceOffer", summary = "Update one of the caller's offers",
            description = "Only the organisation that published the offer; any other gets 403 (it may read the offer).")
    @APIResponse(responseCode = "200", description = "Updated", headers = @Header(name = HttpHeaders.ETAG,
            schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(implementation = OfferView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response replace(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the version read", required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull OfferRequest body) {
        return ok(service.replace(caller.get(), id, ifMatch, body));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Operation(operationId = "deleteOffer", summary = "Withdraw one of the caller's offers",
            description = "Only the organisation that published the offer; any other gets 403.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public void delete(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the version read", required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(caller.get(), id, ifMatch);
    }

    @POST
    @Path("/imports")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE})
    @Consumes(Csv.MEDIA_TYPE)
    @Operation(operationId = "importOffers", summary = "Create or update the caller's offers from CSV",
            description = "RFC 4180 CSV, UTF-8, with the header `reference,title,description,theme,audiences,minAge,maxAge,"
                    + "communes,epcis,contactService,contactEmail,contactPhone,contactUrl,validFrom,validUntil` (any column "
                    + "order; lists space-separated). A line whose reference the caller already uses updates that offer; others "
                    + "create one. All or nothing: if any line is invalid, nothing is imported and the 422 problem lists every "
                    + "invalid line in `errors[]`.")
    @RequestBody(required = true, content = @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, maxLength = 5242880),
            example = "reference,title,description,theme,audiences,minAge,maxAge,communes,epcis,contactService,contactEmail,"
                    + "contactPhone,contactUrl,validFrom,validUntil\r\nLOG-01,Logement jeunes,Aide à la recherche de logement,HOUSING,"
                    + "ASE_LEAVERS,16,25,33063 33281,,Service logement,logement@mission-locale.example,,,2025-01-01,\r\n"))
    @APIResponse(responseCode = "200", description = "Applied in full")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public OfferImportReport importCsv(String body) {
        return service.importCsv(caller.get(), body == null ? "" : body);
    }

    private static Response ok(Versioned<OfferView> versioned) {
        return Response.ok(versioned.value()).header(HttpHeaders.ETAG, versioned.etag()).build();
    }
}
