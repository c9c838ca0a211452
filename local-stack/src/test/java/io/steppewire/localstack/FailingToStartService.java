package io.steppewire.localstack;

/**
 * A stand-in service for {@link ServiceProcessTest} that says why it cannot start and exits, as a service whose port
 * is taken does. JDK only, so it runs from a jar of its own.
 */
public final class FailingToStartService {

    public static void main(String[] args) {
        for (int line = 1; line <= 60; line++) {
            System.out.println("starting, step " + line);
        }
        System.out.println("Web server failed to start. Port " + System.getenv("SERVER_PORT") + " was already in use.");
        System.exit(1);
    }

    private FailingToStartService() {
    }
}
