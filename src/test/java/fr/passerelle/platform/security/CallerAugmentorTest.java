package fr.passerelle.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import fr.passerelle.platform.PasserelleConfig;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * The organisation check of a token: asked of the directory on a worker thread, then trusted from
 * this replica's cache, on the calling thread, for the configured period.
 */
class CallerAugmentorTest {

    /** The directory, counting how often it is asked; the worker pool, counting how often the check leaves the calling thread. */
    private final AtomicInteger directoryLookups = new AtomicInteger();
    private final AtomicInteger blockingHops = new AtomicInteger();
    private boolean active = true;
    private final OrganisationRegistry registry = (kind, id, operatorRequired) -> {
        directoryLookups.incrementAndGet();
        return active;
    };
    private final AuthenticationRequestContext worker = new AuthenticationRequestContext() {
        @Override
        public Uni<SecurityIdentity> runBlocking(Supplier<SecurityIdentity> function) {
            blockingHops.incrementAndGet();
            return Uni.createFrom().item(function.get());
        }
    };

    @Test
    void aCachedOrganisationIsCheckedOnTheCallingThreadWithoutTheDirectory() {
        CallerAugmentor augmentor = new CallerAugmentor(registry, config(Duration.ofMinutes(10)), 60);

        Caller first = caller(augmentor.augment(token("33"), worker).await().indefinitely());
        Caller second = caller(augmentor.augment(token("33"), worker).await().indefinitely());

        assertEquals(new Caller("subject", Role.DEPARTEMENT, "33"), first);
        assertEquals(first, second);
        assertEquals(1, directoryLookups.get(), "the directory is asked once per organisation and period");
        assertEquals(1, blockingHops.get(), "only the request that asks the directory leaves the calling thread");
        augmentor.augment(token("59"), worker).await().indefinitely();
        assertEquals(2, directoryLookups.get(), "another organisation is asked for");
        assertEquals(2, blockingHops.get());
    }

    @Test
    void aCachedRefusalStillRefusesOnTheCallingThread() {
        CallerAugmentor augmentor = new CallerAugmentor(registry, config(Duration.ofMinutes(10)), 60);
        active = false;

        SecurityIdentity first = augmentor.augment(token("33"), worker).await().indefinitely();
        active = true;
        SecurityIdentity second = augmentor.augment(token("33"), worker).await().indefinitely();

        assertNull(first.getAttribute(CallerAugmentor.CALLER_ATTRIBUTE));
        assertNotNull(first.getAttribute(RefusedToken.ATTRIBUTE));
        assertNull(second.getAttribute(CallerAugmentor.CALLER_ATTRIBUTE), "a deactivation holds for the whole cache period");
        assertNotNull(second.getAttribute(RefusedToken.ATTRIBUTE));
        assertEquals(1, blockingHops.get());
    }

    @Test
    void withoutACacheEveryRequestAsksTheDirectoryOnAWorkerThread() {
        CallerAugmentor augmentor = new CallerAugmentor(registry, config(Duration.ZERO), 60);

        augmentor.augment(token("33"), worker).await().indefinitely();
        active = false;
        SecurityIdentity refused = augmentor.augment(token("33"), worker).await().indefinitely();

        assertEquals(2, directoryLookups.get());
        assertEquals(2, blockingHops.get());
        assertNull(refused.getAttribute(CallerAugmentor.CALLER_ATTRIBUTE), "a deactivation takes effect at once");
    }

    private static Caller caller(SecurityIdentity identity) {
        return identity.getAttribute(CallerAugmentor.CALLER_ATTRIBUTE);
    }

    private static SecurityIdentity token(String organisation) {
        Map<String, Object> claims = Map.of("sub", "subject", "org", organisation, "iat", Instant.now().getEpochSecond());
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return "subject";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) claims.get(claimName);
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRole(Role.Names.DEPARTEMENT).build();
    }

    /** The configuration, of which the augmentor reads only the organisation cache period. */
    private static PasserelleConfig config(Duration organisationCache) {
        PasserelleConfig.Security security = (PasserelleConfig.Security) Proxy.newProxyInstance(CallerAugmentorTest.class.getClassLoader(),
                new Class<?>[] {PasserelleConfig.Security.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("organisationCache")) {
                        return organisationCache;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (PasserelleConfig) Proxy.newProxyInstance(CallerAugmentorTest.class.getClassLoader(), new Class<?>[] {PasserelleConfig.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("security")) {
                        return security;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
