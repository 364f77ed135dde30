package fr.passerelle.pathway;

import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/event-types")
@Tag(name = "Events")
@Produces(MediaType.APPLICATION_JSON)
public class EventTypeResource {

    @GET
    @RolesAllowed({Role.Names.DEPARTEMENT, Role.Names.MISSION_LOCALE, Role.Names.REGIONAL_ASSOCIATION, Role.Names.REPORTING,
        Role.Names.ADMIN, Role.Names.DPO})
    @Operation(operationId = "listEventTypes", summary = "The event catalogue",
            description = "Every event type: who may record it, whether it may be pushed or corrected, the schema of its data and "
                    + "the dates it may carry. The whole catalogue in one page.")
    @APIResponse(responseCode = "200", description = "The catalogue, in one page")
    public Page<EventTypeDescription> list() {
        return new Page<>(EventTypeDescription.catalogue(), null);
    }
}
