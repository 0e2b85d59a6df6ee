package dev.orderstream.webhook;

import dev.orderstream.common.OrderstreamConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The SSRF rule for endpoint URLs: in production (require-public-https) a host must resolve to
 * public addresses only, never loopback, link-local, private or otherwise local ones, unless it is
 * in allowed-hosts. Checked when an endpoint is registered or changed, and again before every
 * attempt, which then connects to the address it checked: a name that resolved to a public address
 * once and to an internal one later (DNS rebinding) reaches nothing inside.
 */
@ApplicationScoped
public class EndpointAddresses {

    private final OrderstreamConfig.Webhooks config;
    private final Vertx vertx;

    public EndpointAddresses(OrderstreamConfig config, Vertx vertx) {
        this.config = config.webhooks();
        this.vertx = vertx;
    }

    /** Whether URLs with this host must be https and reach public addresses only. */
    public boolean mustBePublic(String host) {
        return config.requirePublicHttps() && !config.allowedHosts().orElse(List.of()).contains(host.toLowerCase());
    }

    /**
     * A public address of the host, resolved now (on a worker thread: resolving is blocking); fails
     * with {@link NotPublic} if the name does not resolve or any of its addresses is local.
     */
    public Uni<InetAddress> publicAddressOf(String host) {
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(name);
            } catch (UnknownHostException e) {
                throw new NotPublic("has a host that does not resolve");
            }
            for (InetAddress address : addresses) {
                if (isLocal(address)) {
                    throw new NotPublic("points at a loopback, link-local or private address");
                }
            }
            return addresses[0];
        }), false);
    }

    /** Why a host may not be called: it does not resolve, or to a local address. */
    public static final class NotPublic extends RuntimeException {
        NotPublic(String reason) {
            super(reason, null, false, false);
        }
    }

    static boolean isLocal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0 || first == 100 && second >= 64 && second < 128 // 0/8, carrier-grade NAT 100.64/10
                || first == 192 && second == 0 && (bytes[2] & 0xff) == 0 // 192.0.0/24
                || first == 198 && (second == 18 || second == 19) // benchmarking 198.18/15
                || first >= 240; // reserved, broadcast
    }
}
