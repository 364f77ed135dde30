package fr.passerelle.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * A write that lost a race with another request: 412 only when the caller sent a precondition
 * (If-Match), 409 otherwise; a 412 without If-Match would tell a client to fix a header it never sent.
 */
class ConcurrentUpdateTest {

    private static ContainerRequestContext request(String ifMatch) {
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> method.getName().equals("getRequestUri") ? URI.create("http://localhost/api/v1/webhooks/1/deactivation")
                        : null);
        return (ContainerRequestContext) Proxy.newProxyInstance(ContainerRequestContext.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaderString" -> "If-Match".equalsIgnoreCase((String) args[0]) ? ifMatch : null;
                    case "getUriInfo" -> uri;
                    default -> null;
                });
    }

    @Test
    void aLostRaceIs412WithIfMatchAnd409WithoutIt() {
        ProblemMapper mapper = new ProblemMapper(null, null);
        assertEquals(412, mapper.concurrentUpdate(new OptimisticLockException(), request("\"3\"")).getStatus());
        assertEquals(409, mapper.concurrentUpdate(new OptimisticLockException(), request(null)).getStatus());
        assertEquals(409, mapper.concurrentUpdate(new OptimisticLockException(), request(" ")).getStatus());
    }
}
