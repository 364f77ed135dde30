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
 * The body cap for bodies sent without a Content-Length (chunked), which {@link BodySizeLimit}
 * cannot judge before reading: the body is counted as it is read and refused with the same problem
 * once over the cap. The HTTP layer's own, higher cap still bounds what a connection may send.
 */
@Provider
public class StreamedBodyLimit implements ReaderInterceptor {

    // Looked up when a body is read: providers are built before the configuration mapping is ready.
    private final Instance<PasserelleConfig> config;

    public StreamedBodyLimit(Instance<PasserelleConfig> config) {
        this.config = config;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH) == null) {
            context.setInputStream(new Capped(context.getInputStream(), config.get().limits().maxBodyBytes()));
        }
        return context.proceed();
    }

    private static final class Capped extends FilterInputStream {

        private final long max;
        private long read;

        Capped(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long bytes) {
            read += bytes;
            if (read > max) {
                throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "The body is over the limit of " + max + " bytes.");
            }
        }
    }
}
