package fr.passerelle.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Which addresses an endpoint may be called at. A registered host is only checked syntactically,
 * and its DNS may later point inside the platform's network: the host is resolved at each attempt
 * and refused if any of its addresses is not a public one.
 */
final class WebhookAddresses {

    /** The endpoint resolves to an address the service does not call. */
    static final class Refused extends RuntimeException {
        Refused(String host) {
            super("Webhook host " + host + " resolves to an address that is not public");
        }
    }

    private WebhookAddresses() {
    }

    /** Resolves the host; throws {@link Refused} unless all its addresses are public. */
    static void requirePublic(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            // Told apart from a refused address, it would tell which internal names exist.
            throw new Refused(host);
        }
        if (!Arrays.stream(addresses).allMatch(WebhookAddresses::isPublic)) {
            throw new Refused(host);
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            // 0.0.0.0/8 reaches this host on Linux; 100.64.0.0/10 is carrier-grade NAT, private too.
            return bytes[0] != 0 && !(bytes[0] == 100 && (bytes[1] & 0xc0) == 64);
        }
        if (address instanceof Inet6Address && embedsIpv4(bytes)) {
            try {
                return isPublic(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        // fc00::/7, unique local addresses: the IPv6 private networks.
        return (bytes[0] & 0xfe) != 0xfc;
    }

    /** ::a.b.c.d (IPv4-compatible) and ::ffff:a.b.c.d (IPv4-mapped) reach the IPv4 address they end with. */
    private static boolean embedsIpv4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] == 0 && bytes[11] == 0) || (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff);
    }
}
