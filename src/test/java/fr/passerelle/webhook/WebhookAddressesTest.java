package fr.passerelle.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class WebhookAddressesTest {

    @Test
    void loopbackPrivateLinkLocalUniqueLocalMulticastAndUnspecifiedAddressesAreNotPublic() throws UnknownHostException {
        for (String address : List.of("127.0.0.1", "127.1.2.3", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254",
                "192.168.1.1", "169.254.169.254", "0.0.0.0", "0.1.2.3", "100.64.0.1", "224.0.0.1", "239.255.255.250",
                "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::169.254.169.254")) {
            assertFalse(WebhookAddresses.isPublic(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void publicAddressesAreAllowedIncludingThoseNextToPrivateRanges() throws UnknownHostException {
        for (String address : List.of("1.1.1.1", "93.184.215.14", "172.15.255.255", "172.32.0.1", "192.169.0.1", "100.63.255.255",
                "100.128.0.1", "11.0.0.1", "2001:4860:4860::8888", "2a00:1450:4007:80e::200e", "fbff::1", "fe00::1", "::ffff:8.8.8.8")) {
            assertTrue(WebhookAddresses.isPublic(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void aHostResolvingToAnAddressThatIsNotPublicIsRefused() {
        for (String host : List.of("127.0.0.1", "localhost", "[::1]", "169.254.169.254")) {
            assertThrows(WebhookAddresses.Refused.class, () -> WebhookAddresses.requirePublic(host), host);
        }
    }

    @Test
    void aFailedAttemptIsToldAsACategoryNeverAsAnExceptionName() {
        assertEquals("timeout", WebhookDispatcher.reason(new CompletionException(new HttpConnectTimeoutException("connect"))));
        assertEquals("timeout", WebhookDispatcher.reason(new HttpTimeoutException("request timed out")));
        assertEquals("connection refused", WebhookDispatcher.reason(new CompletionException(new ConnectException("10.0.0.7:80"))));
        assertEquals("TLS error", WebhookDispatcher.reason(new IOException(new SSLHandshakeException("PKIX path building failed"))));
        assertEquals("address not allowed", WebhookDispatcher.reason(new CompletionException(new WebhookAddresses.Refused("db.internal"))));
        assertEquals("connection failed", WebhookDispatcher.reason(new IOException("connection reset")));
        assertEquals("internal error", WebhookDispatcher.reason(new IllegalStateException("bug")));
    }
}
