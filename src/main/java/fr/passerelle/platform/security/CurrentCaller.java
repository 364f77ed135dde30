package fr.passerelle.platform.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The caller of the current request, for resources to hand to services. */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        return find().orElseThrow(ForbiddenException::new);
    }

    /** The caller, if the request carries a token accepted with its organisation. */
    public Optional<Caller> find() {
        return Optional.ofNullable(identity.getAttribute(CallerAugmentor.CALLER_ATTRIBUTE));
    }
}
