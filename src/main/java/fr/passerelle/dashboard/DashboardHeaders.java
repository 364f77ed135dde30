package fr.passerelle.dashboard;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The security headers of the dashboard's page, script and style sheet: nothing inline may run,
 * nothing may frame the page, no address leaks through Referer, no content type is guessed. Set by
 * a filter that reads the raw path, so that a request for any other path (even one that cannot be
 * decoded) goes through untouched.
 */
@ApplicationScoped
public class DashboardHeaders {

    static final String PATH = "/tableau-de-bord";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final int PRIORITY = 100;

    void register(@Observes Filters filters) {
        filters.register(DashboardHeaders::secure, PRIORITY);
    }

    private static void secure(RoutingContext context) {
        String path = context.request().path();
        if (path != null && (path.equals(PATH) || path.startsWith(PATH + "/"))) {
            MultiMap headers = context.response().headers();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Content-Type-Options", "nosniff");
        }
        context.next();
    }
}
