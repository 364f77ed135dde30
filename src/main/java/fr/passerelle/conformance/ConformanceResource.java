package fr.passerelle.conformance;

import fr.passerelle.platform.audit.Audited;
import fr.passerelle.platform.audit.Purpose;
import fr.passerelle.platform.security.CurrentCaller;
import fr.passerelle.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/conformance")
@Tag(name = "Conformance")
@Produces(MediaType.APPLICATION_JSON)
public class ConformanceResource {

    private final ConformanceService service;
    private final CurrentCaller caller;

    public ConformanceResource(ConformanceService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("/scenario")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.ADMIN})
    @Operation(operationId = "getConformanceScenario", summary = "A fresh conformance scenario, to run against the sandbox",
            description = "The pushes a département's or Mission Locale's software must send, in order, and the outcome each "
                    + "must get: registration, duplicate, batches with partly invalid events, a dry run, refused steps "
                    + "(authorisation, age, likely duplicate, unknown case), then the Mission Locale's steps on the shared "
                    + "pathway. Every call gives new ids, so a run never collides with an earlier one; the dates count back from "
                    + "the day it is generated. In dev mode the sandbox has collectivities 33, 59 and 69M, each with a "
                    + "fictitious Mission Locale (`GET /api/v1/missions-locales?q=sandbox`), and `/dev/tokens` signs the tokens "
                    + "of both actors. Never run it against production: it registers fictitious young people.")
    @APIResponse(responseCode = "200", description = "The scenario")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public ConformanceScenario scenario(
            @Parameter(description = "Collectivity code; a département's own by default, or the Mission Locale's collectivity",
                    example = "33") @QueryParam("departement") String departement,
            @Parameter(description = "An active Mission Locale the collectivity solicits; a Mission Locale's own by default")
            @QueryParam("missionLocaleId") UUID missionLocaleId) {
        return service.scenario(caller.get(), departement, missionLocaleId);
    }

    @GET
    @Path("/report")
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.ADMIN})
    @Audited(Purpose.SYNCHRONISATION)
    @Operation(operationId = "getConformanceReport", summary = "Which event types an organisation pushed successfully in the last 30 days",
            description = "From the events stored (dry runs store none), with the refused ones counted from the rejections kept "
                    + "for reconciliation. A département or Mission Locale reads its own; the platform operator names one with "
                    + "`organisation`. Each reading is recorded in the audit trail.")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public ConformanceReport report(
            @Parameter(description = "A collectivity code or a Mission Locale id (the platform operator; others may only name "
                    + "their own)") @QueryParam("organisation") String organisation) {
        return service.report(caller.get(), organisation);
    }
}
