package io.steppewire.notify.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** One GreenMail SMTP server for the whole test JVM, on a free port. */
public final class InProcessSmtp {

    private static final GreenMail SERVER = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    static {
        SERVER.start();
        Runtime.getRuntime().addShutdownHook(new Thread(SERVER::stop));
    }

    private InProcessSmtp() {
    }

    public static GreenMail server() {
        return SERVER;
    }

    public static int port() {
        return SERVER.getSmtp().getPort();
    }
}
