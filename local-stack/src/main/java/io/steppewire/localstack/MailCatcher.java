package io.steppewire.localstack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack's mail server: GreenMail's SMTP server on loopback accepts every message notify-service sends, to
 * any address, and keeps the newest {@link #KEPT} in memory; an HTTP server of its own on loopback lists them and shows
 * each as plain text and as HTML, so that e-mail alerts and digests can be read right after {@code local-stack/start}.
 *
 * <pre>
 * GET /messages             [{"id": 7, "from": "…", "to": ["…"], "subject": "…", "date": "2026-…Z"}, …] newest first
 * GET /messages/{id}.txt    the plain-text part (text/plain)
 * GET /messages/{id}.html   the HTML part, or the text in a &lt;pre&gt; (text/html, sandboxed: no script runs)
 * GET /                     the same list as a page with links
 * </pre>
 *
 * Reads only, no key: it listens on loopback and holds nothing but what the stack's own services sent. The dashboard
 * (article-service) reads the list from another origin, so answers name the allowed origins in CORS headers.
 */
final class MailCatcher implements AutoCloseable {

    /** Messages kept, newest first out last: enough for a day of local alerts, bounded whatever a loop sends. */
    static final int KEPT = 500;
    /** Longest body part kept: alerts and digests are a few KB; a runaway message must not fill the stack's memory. */
    static final int MAX_PART_CHARS = 256 * 1024;

    private static final Pattern MESSAGE_PATH = Pattern.compile("/messages/([1-9][0-9]{0,17})\\.(txt|html)");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The HTML of a message is shown as a document of its own, never with script, forms or requests of its own. */
    private static final String SANDBOX = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    /** One caught message; {@code html} is null when the message has no HTML part. */
    record Caught(long id, String from, List<String> to, String subject, Instant date, String text, @Nullable String html) {
    }

    /** What {@code GET /messages} lists of a message. */
    record Listed(long id, String from, List<String> to, String subject, Instant date) {
    }

    private final int smtpPort;
    private final int webPort;
    private final Set<String> allowedOrigins;
    private final Clock clock;
    private final int keep;
    private final Deque<Caught> kept = new ArrayDeque<>();
    /** Messages kept already, for as long as GreenMail holds them (it asks once per recipient). */
    private final Set<MovingMessage> seen = Collections.newSetFromMap(new WeakHashMap<>());
    private long lastId;
    private @Nullable GreenMail smtp;
    private @Nullable HttpServer web;

    /**
     * @param allowedOrigins the origins whose pages may read the answers (the dashboard's, e.g.
     *                       {@code http://localhost:8083})
     */
    MailCatcher(int smtpPort, int webPort, List<String> allowedOrigins, Clock clock) {
        this(smtpPort, webPort, allowedOrigins, clock, KEPT);
    }

    /** @param keep how many of the newest messages are kept */
    MailCatcher(int smtpPort, int webPort, List<String> allowedOrigins, Clock clock, int keep) {
        this.smtpPort = smtpPort;
        this.webPort = webPort;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.clock = clock;
        this.keep = keep;
    }

    /** Binds both ports (checked free with the stack's others) on loopback. */
    void start() throws IOException {
        GreenMail server = new GreenMail(new ServerSetup(smtpPort, InetAddress.getLoopbackAddress().getHostAddress(),
                ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        // Every recipient is "delivered" here instead of to a GreenMail mailbox, which would keep every message for ever.
        server.getUserManager().setMessageDeliveryHandler(this::recipientFor);
        server.start();
        smtp = server;
        web = LoopbackHttp.start(webPort, this::serve);
    }

    /** Where notify-service sends mail: {@code spring.mail.host}. */
    String smtpHost() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    int smtpPort() {
        return smtpPort;
    }

    /** The page listing the caught messages. */
    String url() {
        return "http://127.0.0.1:" + webPort;
    }

    @Override
    public void close() {
        if (web != null) {
            web.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    /** The messages kept, newest first. */
    List<Caught> messages() {
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    Optional<Caught> message(long id) {
        synchronized (kept) {
            return kept.stream().filter(message -> message.id() == id).findFirst();
        }
    }

    /** Keeps a message sent to several recipients once: GreenMail asks for each of them with the same message. */
    void keep(MovingMessage moving) {
        synchronized (kept) {
            if (!seen.add(moving)) {
                return;
            }
        }
        List<String> to = moving.getToAddresses().stream().map(MailAddress::getEmail).toList();
        Caught caught = read(moving.getMessage(), to);
        synchronized (kept) {
            kept.addFirst(new Caught(++lastId, caught.from(), caught.to(), caught.subject(), caught.date(), caught.text(),
                    caught.html()));
            while (kept.size() > keep) {
                kept.removeLast();
            }
        }
    }

    private Caught read(MimeMessage message, List<String> to) {
        String from = "";
        String subject = "";
        Instant date = clock.instant();
        Map<String, String> parts = new LinkedHashMap<>();
        try {
            Address[] senders = message.getFrom();
            from = senders == null ? "" : String.join(", ", List.of(senders).stream().map(MailCatcher::address).toList());
            subject = Optional.ofNullable(message.getSubject()).orElse("");
            date = Optional.ofNullable(message.getSentDate()).map(java.util.Date::toInstant).orElse(date);
            collectParts(message, parts, 0);
        } catch (MessagingException | IOException e) {
            parts.putIfAbsent("text/plain", "(the catcher could not read this message: " + e.getMessage() + ")");
        }
        String html = parts.get("text/html");
        String text = parts.getOrDefault("text/plain", html == null ? "" : html);
        return new Caught(0, from, to, subject, date, text, html);
    }

    private static String address(Address address) {
        return address instanceof InternetAddress internet ? internet.getAddress() : address.toString();
    }

    /** The first text/plain and text/html parts, however the message nests them (depth bounded). */
    private static void collectParts(Part part, Map<String, String> into, int depth) throws MessagingException, IOException {
        if (depth > 8) {
            return;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collectParts(multipart.getBodyPart(i), into, depth + 1);
            }
        } else if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
            String type = part.isMimeType("text/html") ? "text/html" : "text/plain";
            if (!into.containsKey(type) && part.getContent() instanceof String content) {
                into.put(type, content.length() > MAX_PART_CHARS
                        ? content.substring(0, MAX_PART_CHARS) + "\n[cut: the catcher keeps " + MAX_PART_CHARS + " characters]"
                        : content);
            }
        }
    }

    /** A recipient that keeps what it is given here, for every address. */
    private GreenMailUser recipientFor(MovingMessage message, MailAddress address) {
        return new CatchingUser(address.getEmail());
    }

    private final class CatchingUser implements GreenMailUser {

        private final String email;

        private CatchingUser(String email) {
            this.email = email;
        }

        @Override
        public String getEmail() {
            return email;
        }

        @Override
        public String getLogin() {
            return email;
        }

        @Override
        public void deliver(MovingMessage message) {
            keep(message);
        }

        @Override
        public void deliver(MimeMessage message) {
            MovingMessage moving = new MovingMessage();
            moving.setMimeMessage(message);
            moving.addRecipient(new MailAddress(email));
            keep(moving);
        }

        @Override
        public void create() {
        }

        @Override
        public void delete() {
        }

        @Override
        public String getPassword() {
            return "";
        }

        @Override
        public void setPassword(String password) {
        }

        @Override
        public void authenticate(String password) {
        }

        @Override
        public String getQualifiedMailboxName() {
            return email;
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null && allowedOrigins.contains(origin)) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
            }
            exchange.getResponseHeaders().set("Vary", "Origin");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            String method = exchange.getRequestMethod();
            if ("OPTIONS".equals(method)) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, HEAD");
                exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
                exchange.getResponseHeaders().set("Allow", "GET, HEAD, OPTIONS");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD, OPTIONS");
                problem(exchange, 405, "The mail catcher only reads: use GET");
                return;
            }
            // The raw path, matched exactly: an encoded or dotted spelling names nothing.
            String path = exchange.getRequestURI().getRawPath();
            if (exchange.getRequestURI().getRawQuery() != null) {
                problem(exchange, 400, "The mail catcher takes no query parameters");
                return;
            }
            if (path.equals("/messages")) {
                List<Listed> listed = messages().stream()
                        .map(m -> new Listed(m.id(), m.from(), m.to(), m.subject(), m.date())).toList();
                answer(exchange, 200, "application/json", JSON.writeValueAsString(listed));
                return;
            }
            if (path.equals("/")) {
                answer(exchange, 200, "text/html; charset=utf-8", index());
                return;
            }
            Matcher m = MESSAGE_PATH.matcher(path);
            Optional<Caught> message = m.matches() ? message(Long.parseLong(m.group(1))) : Optional.empty();
            if (message.isEmpty()) {
                problem(exchange, 404, m.matches()
                        ? "No message " + m.group(1) + " is kept (the newest " + keep + " are); GET /messages lists them"
                        : "No such page: GET /messages lists the caught messages, /messages/{id}.txt and .html show one");
                return;
            }
            Caught caught = message.get();
            if (m.group(2).equals("txt")) {
                answer(exchange, 200, "text/plain; charset=utf-8", caught.text());
            } else {
                exchange.getResponseHeaders().set("Content-Security-Policy", SANDBOX);
                answer(exchange, 200, "text/html; charset=utf-8", caught.html() != null ? caught.html()
                        : "<!doctype html><meta charset=\"utf-8\"><title>" + escape(caught.subject()) + "</title><pre>"
                        + escape(caught.text()) + "</pre>");
            }
        }
    }

    private String index() {
        StringBuilder page = new StringBuilder("<!doctype html><meta charset=\"utf-8\"><title>Caught mail</title>"
                + "<h1>Caught mail</h1><p>The newest " + keep + " messages the local stack's services sent; JSON at "
                + "<a href=\"/messages\">/messages</a>.</p><table><tr><th>date</th><th>from</th><th>to</th><th>subject</th></tr>");
        List<Caught> messages = messages();
        for (Caught message : messages) {
            page.append("<tr><td>").append(message.date()).append("</td><td>").append(escape(message.from()))
                    .append("</td><td>").append(escape(String.join(", ", message.to()))).append("</td><td><a href=\"/messages/")
                    .append(message.id()).append(".html\">").append(escape(message.subject().isEmpty() ? "(no subject)" : message.subject()))
                    .append("</a> (<a href=\"/messages/").append(message.id()).append(".txt\">text</a>)</td></tr>");
        }
        if (messages.isEmpty()) {
            page.append("<tr><td colspan=\"4\">No mail yet.</td></tr>");
        }
        return page.append("</table>").toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", status == 404 ? "Not found" : status == 405 ? "Method not allowed" : "Bad request");
        body.put("status", status);
        body.put("detail", detail);
        answer(exchange, status, "application/problem+json", JSON.writeValueAsString(body));
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        LoopbackHttp.answer(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
