package io.gvc.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports on localhost, so several clusters (and test runs) can share one machine. */
final class Ports {

    private Ports() {
    }

    /** A port nobody listens on right now (the OS's choice). */
    static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Fails with a clear message when a port asked for is taken. */
    static void checkFree(String what, int port) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IOException(what + " port " + port + " is taken (" + e.getMessage()
                    + "); choose another or 0 for any free port", e);
        }
    }
}
