package io.steppewire.article.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where the dashboard's browser finds the other services ({@code steppewire.dashboard.*}). The browser calls them
 * directly, so each must list this service's origin in {@code steppewire.http.cors.allowed-origins}.
 *
 * @param ingestUrl      ingest-service as the browser reaches it; env {@code STEPPEWIRE_DASHBOARD_INGEST_URL}
 * @param ratesUrl       rates-service; env {@code STEPPEWIRE_DASHBOARD_RATES_URL}
 * @param notifyUrl      notify-service; env {@code STEPPEWIRE_DASHBOARD_NOTIFY_URL}
 * @param kafkaTimeout   how long the status read waits for Kafka before answering 503
 */
@ConfigurationProperties("steppewire.dashboard")
public record DashboardProperties(@DefaultValue("http://localhost:8081") String ingestUrl,
                                  @DefaultValue("http://localhost:8082") String ratesUrl,
                                  @DefaultValue("http://localhost:8084") String notifyUrl,
                                  @DefaultValue("5s") Duration kafkaTimeout) {

    public DashboardProperties {
        ingestUrl = checked("ingest-url", ingestUrl);
        ratesUrl = checked("rates-url", ratesUrl);
        notifyUrl = checked("notify-url", notifyUrl);
        if (kafkaTimeout.isNegative() || kafkaTimeout.isZero()) {
            throw new IllegalArgumentException("steppewire.dashboard.kafka-timeout must be positive, got " + kafkaTimeout);
        }
    }

    /** The origins the pages may connect to besides their own: what the Content-Security-Policy lists. */
    public List<String> serviceOrigins() {
        return List.of(ingestUrl, ratesUrl, notifyUrl).stream().map(DashboardProperties::originOf).distinct().toList();
    }

    /** A base URL without a trailing slash: http or https, a host, an optional port and path, nothing else. */
    private static String checked(String name, String url) {
        String stripped = url.strip();
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        String problem = "steppewire.dashboard." + name + " (env STEPPEWIRE_DASHBOARD_" + name.toUpperCase(Locale.ROOT)
                .replace('-', '_') + ") must be the service's base URL as a browser reaches it, such as http://localhost:8084; got '"
                + url + "'";
        try {
            URI uri = new URI(stripped);
            String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null || stripped.contains(" ")
                    || stripped.contains(";") || stripped.contains("'")) {
                throw new IllegalArgumentException(problem);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem);
        }
        return stripped;
    }

    private static String originOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
