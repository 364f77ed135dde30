package fr.passerelle.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.security.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dev-mode token endpoint (not built outside dev mode, hence tested directly): a missing
 * parameter is a 400 naming every expected one, with an example, not a NullPointerException.
 */
class DevTokenResourceTest {

    private final DevTokenResource resource = new DevTokenResource("https://dev.passerelle.invalid", "passerelle-api");

    @Test
    void withoutParametersItIs400NamingRoleAndOrg() {
        ApiException refused = assertThrows(ApiException.class, () -> resource.token(null, null));
        assertEquals(ProblemType.MALFORMED_REQUEST, refused.type());
        assertEquals(List.of("role", "org"), refused.errors().stream().map(Problem.FieldError::parameter).toList());
        for (Role each : Role.values()) {
            assertTrue(refused.getMessage().contains(each.claim()), refused.getMessage());
        }
        assertTrue(refused.getMessage().contains("/dev/tokens?role=departement&org=33"), refused.getMessage());
    }

    @Test
    void withARoleButNoOrganisationItIs400NamingOrg() {
        ApiException refused = assertThrows(ApiException.class, () -> resource.token("departement", " "));
        assertEquals(List.of("org"), refused.errors().stream().map(Problem.FieldError::parameter).toList());
    }
}
