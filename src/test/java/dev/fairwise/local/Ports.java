package dev.fairwise.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Small network checks for the local stack and the fault suite. */
public final class Ports {
    private Ports() {}

    /** Whether something accepts connections on localhost:{@code port}. */
    public static boolean open(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
