package fr.passerelle.sandbox;

import fr.passerelle.platform.security.CallerAugmentor;
import fr.passerelle.platform.security.Role;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Dev mode only: signs tokens with the development key, so that a newcomer can call the API.
 * The class is not even built into the production application.
 */
@IfBuildProfile("dev")
@Path("/dev/tokens")
public class DevTokenResource {

    private final String issuer;
    private final String audience;

    public DevTokenResource(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") String audience) {
        this.issuer = issuer;
        this.audience = audience;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public String token(@QueryParam("role") String role, @QueryParam("org") String organisation) {
        String claim = Role.fromClaim(role).map(Role::claim).orElseThrow(
                () -> new BadRequestException("role must be one of departement, mission-locale, regional-association, reporting, admin, dpo"));
        return Jwt.issuer(issuer).audience(audience).subject("dev-" + claim + "-" + organisation).groups(Set.of(claim))
                .claim(CallerAugmentor.ORGANISATION_CLAIM, organisation).expiresIn(Duration.ofHours(1)).sign();
    }
}
