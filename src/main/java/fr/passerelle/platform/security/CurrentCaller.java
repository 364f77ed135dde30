package fr.passerelle.platform.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, for resources to hand to services. */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        Caller caller = identity.getAttribute(CallerAugmentor.CALLER_ATTRIBUTE);
        if (caller == null) {
            throw new ForbiddenException();
        }
        return caller;
    }
}
