package io.transferlab.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Small helpers around local TCP ports. */
public final class Ports {

    private Ports() {}

    /** A port that was free a moment ago on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /** Whether something accepts connections on 127.0.0.1:port. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether this process could bind the port on all interfaces (that is, nobody else holds it). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws a clear error when a fixed port is taken. */
    public static void requireFree(int port, String what) {
        if (!isFree(port) || isListening(port)) {
            throw new PortInUseException(port, what);
        }
    }

    /** A fixed port that something else already holds. */
    public static final class PortInUseException extends IllegalStateException {
        private final int port;

        public PortInUseException(int port, String what) {
            super("Port " + port + " (" + what + ") is already in use; stop whatever holds it (ss -ltnp 'sport = :"
                    + port + "') or choose another port");
            this.port = port;
        }

        public int port() {
            return port;
        }
    }
}
