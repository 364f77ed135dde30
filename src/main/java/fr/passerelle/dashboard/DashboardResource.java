package fr.passerelle.dashboard;

import fr.passerelle.indicator.IndicatorConfig;
import fr.passerelle.indicator.Measure;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The dashboard page (tableau de bord). It holds no figures: only the French names of the
 * measures and the years that may be asked for. The page's script asks for a bearer token, keeps
 * it in the tab's session storage, and reads the JSON API with it, so every figure shown is one
 * the API gives that token. No part of the API: left out of the contract.
 */
@Path("/tableau-de-bord")
@PermitAll
public class DashboardResource {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int YEARS_OFFERED = 10;

    /** A measure as the page names it. */
    @TemplateData
    public record PageMeasure(String code, String label, String section, String indicator) {
    }

    private final Template page;
    private final IndicatorConfig config;
    private final Clock clock;

    public DashboardResource(@Location("dashboard.html") Template page, IndicatorConfig config, Clock clock) {
        this.page = page;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance page() {
        int current = LocalDate.now(clock.withZone(PARIS)).getYear();
        List<Integer> years = new ArrayList<>();
        for (int year = current; year >= Math.max(config.firstYear(), current - YEARS_OFFERED + 1); year--) {
            years.add(year);
        }
        List<PageMeasure> measures = Arrays.stream(Measure.values()).map(measure -> new PageMeasure(measure.name(), measure.label(),
                measure.section().name(), measure.indicator() == null ? "" : measure.indicator().toString())).toList();
        return page.data("years", years).data("defaultYear", current - 1).data("measures", measures);
    }
}
