package dev.orderstream.webhook;

import dev.orderstream.common.problem.BadRequestProblem;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.*;

/** Which addresses a production endpoint URL may not point at (no requests into the service's own network). */
class EndpointUrlTest {

    @Test
    void localAndPrivateAddressesAreRefused() throws Exception {
        for (String address : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "0.0.0.0", "100.64.0.1", "::1", "fe80::1", "fd00::1", "224.0.0.1", "255.255.255.255"}) {
            assertTrue(EndpointAddresses.isLocal(InetAddress.getByName(address)), address);
        }
        for (String address : new String[] {"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "172.32.0.1"}) {
            assertFalse(EndpointAddresses.isLocal(InetAddress.getByName(address)), address);
        }
    }
}
