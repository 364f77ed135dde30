package fr.passerelle.platform.web;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.ProblemType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body without a Content-Type is refused with 415 by the operations that say what they read: the
 * router would otherwise pick one of them by guess (a CloudEvent read as a batch). After
 * authentication, so that a caller without a valid token learns first that it needs one.
 */
public class ContentTypeRequired {

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null || request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null || !hasBody(request)) {
            return;
        }
        Consumes consumes = method.isAnnotationPresent(Consumes.class) ? method.getAnnotation(Consumes.class)
                : resource.getResourceClass().getAnnotation(Consumes.class);
        if (consumes != null && !Arrays.asList(consumes.value()).contains(MediaType.WILDCARD)) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "A body needs a Content-Type; see the operation in the contract for the media types it takes.");
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return length != null ? !length.trim().equals("0") : request.getHeaderString("Transfer-Encoding") != null;
    }
}
