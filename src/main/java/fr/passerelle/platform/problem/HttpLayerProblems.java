package fr.passerelle.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.platform.web.CorrelationId;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * Problem details for what the HTTP layer answers before or after Quarkus REST: requests refused
 * at the edge (URI or body too large, unreadable request target), and failures no exception mapper
 * handled (a response filter that failed, an exhausted worker pool, a body over the HTTP layer's
 * hard cap). Its failure handler runs before Quarkus's own, which would answer an empty or plain
 * text body and log the full URL, query string included: this one logs the class, the stack and
 * the correlation id, never the URL.
 */
@ApplicationScoped
public class HttpLayerProblems {

    private static final Logger LOG = Logger.getLogger(HttpLayerProblems.class);

    private final ObjectMapper mapper;

    public HttpLayerProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void installFailureHandler(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
    }

    /**
     * Ends the exchange with the problem. A body still coming is read and dropped, so that the
     * client can read the answer and reuse the connection; {@code close} closes an HTTP/1
     * connection instead, for a body too large to be worth reading.
     */
    public void send(RoutingContext context, ApiException problem, boolean close) {
        HttpServerResponse response = context.response();
        if (!close && !context.request().isEnded()) {
            context.request().handler(ignored -> {
            });
            context.request().resume();
        }
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(problem.toProblem(context.request().path(), CorrelationId.of(context)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatusCode(problem.type().status())
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
                .putHeader(CorrelationId.HEADER, CorrelationId.of(context));
        problem.headers().forEach(response::putHeader);
        if (close && context.request().version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(ended -> context.request().connection().close());
        }
        response.end(Buffer.buffer(body));
    }

    private void onFailure(RoutingContext context) {
        HttpServerResponse response = context.response();
        Throwable failure = context.failure();
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            // Too late for a problem: the status is gone. Cut the exchange so the client sees it failed.
            LOG.errorf(failure == null ? null : Redacted.of(failure), "Response interrupted [correlationId=%s]", CorrelationId.of(context));
            context.request().connection().close();
            return;
        }
        if (failure != null && (DatabaseUnavailable.causedBy(failure) || failure instanceof RejectedExecutionException)) {
            LOG.warnf("Service unavailable [correlationId=%s]: %s", CorrelationId.of(context), failure.getClass().getName());
            send(context, new ApiException(ProblemType.SERVICE_UNAVAILABLE, "The service is overloaded or its database unavailable; retry later.",
                    List.of(), Map.of(HttpHeaders.RETRY_AFTER.toString(), ProblemMapper.RETRY_AFTER_SECONDS)), false);
            return;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : context.statusCode();
        if (status >= 400 && status < 500) {
            ProblemType type = ProblemType.forStatus(status);
            send(context, new ApiException(type, type.title() + ".", List.of(), Map.of()), status == 413);
            return;
        }
        // The class and stack only: messages may quote what the request sent.
        LOG.errorf(failure == null ? null : Redacted.of(failure), "Unhandled error [correlationId=%s]", CorrelationId.of(context));
        send(context, new ApiException(ProblemType.INTERNAL_ERROR,
                "An unexpected error occurred. Quote the correlation id to the support team.", List.of(), Map.of()), false);
    }
}
