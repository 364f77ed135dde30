package fr.passerelle.sandbox;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.security.CallerAugmentor;
import fr.passerelle.platform.security.Role;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
        List<Problem.FieldError> errors = new ArrayList<>();
        Optional<Role> known = Role.fromClaim(role);
        if (known.isEmpty()) {
            errors.add(Problem.FieldError.atParameter("role", "one of " + String.join(", ",
                    Arrays.stream(Role.values()).map(Role::claim).toList())));
        }
        if (organisation == null || organisation.isBlank()) {
            errors.add(Problem.FieldError.atParameter("org", "the organisation the token acts for: a collectivity code (e.g. 33), "
                    + "a Mission Locale id, a regional association code (ARML-...), a national body code (e.g. UNML) "
                    + "or PLATEFORME for admin and dpo"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "Expected parameters: "
                    + String.join("; ", errors.stream().map(error -> error.parameter() + " = " + error.detail()).toList())
                    + ". Example: /dev/tokens?role=departement&org=33", errors);
        }
        String claim = known.get().claim();
        return Jwt.issuer(issuer).audience(audience).subject("dev-" + claim + "-" + organisation).groups(Set.of(claim))
                .claim(CallerAugmentor.ORGANISATION_CLAIM, organisation).expiresIn(Duration.ofHours(1)).sign();
    }
}
