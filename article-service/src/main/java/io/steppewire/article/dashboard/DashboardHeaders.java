package io.steppewire.article.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Confines every answer, the dashboard's pages above all: scripts, styles, images and fonts only from this service
 * (no inline script or style, no {@code eval}), connections only to this service and the three others the pages
 * call, no frames, no plugins, no forms sent elsewhere, and no referrer leaving the page.
 */
final class DashboardHeaders extends OncePerRequestFilter {

    private final String policy;

    DashboardHeaders(DashboardProperties settings) {
        this.policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self' " + String.join(" ", settings.serviceOrigins()) + "; manifest-src 'self'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
    }

    String policy() {
        return policy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        chain.doFilter(request, response);
    }
}
