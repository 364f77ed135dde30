package fr.passerelle.platform.web;

import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.ProblemType;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Checks every request body as it is read. A body sent without a Content-Length (chunked), which
 * {@link RequestEdge} cannot judge beforehand, is counted and refused with the same 413 once over
 * the cap; the HTTP layer's own, higher cap still bounds what a connection may send. A NUL byte,
 * which no text the service keeps may hold (PostgreSQL refuses it), is refused with 400 in any
 * body (a NUL escaped in a JSON string is refused by {@link StrictJson}, naming the property).
 */
@Provider
public class RequestBodyGuard implements ReaderInterceptor {

    // Looked up when a body is read: providers are built before the configuration mapping is ready.
    private final Instance<PasserelleConfig> config;

    public RequestBodyGuard(Instance<PasserelleConfig> config) {
        this.config = config;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        boolean counted = context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH) == null;
        context.setInputStream(new Guarded(context.getInputStream(), counted ? config.get().limits().maxBodyBytes() : Long.MAX_VALUE));
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            // Readers wrap what the stream throws (Jackson in a JsonMappingException): the refusal is the answer.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof Refused refused) {
                    throw refused.problem;
                }
            }
            throw e;
        }
    }

    /** Carries the refusal through readers that only let IOExceptions pass unchanged. */
    private static final class Refused extends IOException {

        private final transient ApiException problem;

        Refused(ApiException problem) {
            super(problem.getMessage(), null);
            this.problem = problem;
        }
    }

    private static final class Guarded extends FilterInputStream {

        private final long max;
        private long read;

        Guarded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                check(b == 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                boolean nul = false;
                for (int i = offset; i < offset + n && !nul; i++) {
                    nul = buffer[i] == 0;
                }
                check(nul, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            check(false, skipped);
            return skipped;
        }

        private void check(boolean nul, long bytes) throws Refused {
            read += bytes;
            if (read > max) {
                throw new Refused(new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "The body is over the limit of " + max + " bytes."));
            }
            if (nul) {
                throw new Refused(new ApiException(ProblemType.MALFORMED_REQUEST,
                        "The body holds a NUL byte, which no text may hold."));
            }
        }
    }
}
