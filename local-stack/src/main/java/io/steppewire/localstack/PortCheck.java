package io.steppewire.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Finds busy ports before anything starts, so the message names the port and how to move it. */
final class PortCheck {

    static void requireFree(StackSettings settings) {
        List<String> busy = new ArrayList<>();
        for (StackSettings.Part part : StackSettings.Part.values()) {
            for (int port : settings.instancePorts(part)) {
                if (!isFree(port)) {
                    busy.add("Port " + port + " (" + part.label() + ") is already in use: stop what holds it, or move it with "
                            + part.flag() + "=<port> or " + part.variable() + "=<port>.");
                }
            }
        }
        if (!busy.isEmpty()) {
            throw new IllegalStateException(String.join("\n", busy));
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As Kafka and Tomcat do: connections of a just-stopped stack lingering in TIME_WAIT are no owner.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nobody listens on right now, for tests that must not collide with a running stack. */
    static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on loopback", e);
        }
    }

    /** A free port whose further instance ports ({@link StackSettings#INSTANCE_PORT_STEP} apart) are free too. */
    static int anyFreeWithRoomFor(int instances) {
        while (true) {
            int port = anyFree();
            boolean free = port + (instances - 1) * StackSettings.INSTANCE_PORT_STEP <= 65535;
            for (int n = 1; free && n < instances; n++) {
                free = isFree(port + n * StackSettings.INSTANCE_PORT_STEP);
            }
            if (free) {
                return port;
            }
        }
    }

    private PortCheck() {
    }
}
