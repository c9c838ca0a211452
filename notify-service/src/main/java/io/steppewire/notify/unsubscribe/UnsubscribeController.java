package io.steppewire.notify.unsubscribe;

import io.steppewire.notify.subscription.Subscription;
import io.steppewire.notify.subscription.store.ManageSubscriptions;
import io.steppewire.notify.subscription.store.SubscriptionStore;
import io.steppewire.notify.templates.Templates;
import io.steppewire.platform.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The link every alert e-mail carries in {@code List-Unsubscribe}. No key: the signed token is the authority, and only
 * over the one subscription it names. {@code POST} (RFC 8058 one-click, or the page's form) pauses the subscription;
 * {@code GET} only shows a page with that form, since mail scanners and previews follow links and must not unsubscribe
 * anyone. A token that is malformed (400), forged (403) or expired (410) is refused with problem+json.
 */
@RestController
public class UnsubscribeController {

    private final UnsubscribeTokens tokens;
    private final SubscriptionStore store;
    private final ManageSubscriptions subscriptions;
    private final Templates templates;

    public UnsubscribeController(UnsubscribeTokens tokens, SubscriptionStore store, ManageSubscriptions subscriptions, Templates templates) {
        this.tokens = tokens;
        this.store = store;
        this.subscriptions = subscriptions;
        this.templates = templates;
    }

    @Operation(summary = "A page asking whether to stop a subscription's e-mails (changes nothing; no key, the signed token of the e-mail)")
    @GetMapping(path = "/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> confirm(@RequestParam(required = false) @Nullable String token) {
        Subscription subscription = store.find(subscriptionOf(token)).filter(s -> !s.deleted()).orElseThrow(UnsubscribeController::gone);
        return page(Map.of("done", subscription.pausedAt() != null, "name", subscription.name()));
    }

    @Operation(summary = "Pause a subscription from its e-mail's link: RFC 8058 one-click (body List-Unsubscribe=One-Click); no key")
    @PostMapping(path = "/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> pause(@RequestParam(required = false) @Nullable String token) {
        Subscription paused = subscriptions.pause(subscriptionOf(token)).orElseThrow(UnsubscribeController::gone);
        return page(Map.of("done", true, "name", paused.name()));
    }

    private String subscriptionOf(@Nullable String token) {
        if (token == null || token.isBlank()) {
            throw ProblemException.badRequest("Missing token", "token is required: use the whole unsubscribe link of the e-mail");
        }
        UnsubscribeTokens.Verdict verdict = tokens.verify(token);
        if (verdict.refusal() == null && verdict.subscriptionId() != null) {
            return verdict.subscriptionId();
        }
        throw switch (verdict.refusal()) {
            case FORGED -> new ProblemException(HttpStatus.FORBIDDEN, "Invalid unsubscribe link",
                    "The link's signature does not match; use the whole link of an e-mail this service sent");
            case EXPIRED -> new ProblemException(HttpStatus.GONE, "Expired unsubscribe link",
                    "The link has expired; use the link of a newer alert e-mail, or change the subscription through the API");
            case null, default -> ProblemException.badRequest("Malformed unsubscribe link",
                    "The token is not an unsubscribe token; use the whole link of the e-mail");
        };
    }

    private static ProblemException gone() {
        return ProblemException.notFound("The subscription of this link no longer exists; nothing more is sent for it.");
    }

    private ResponseEntity<String> page(Map<String, Object> variables) {
        // The token is in the address: not cached, and not passed on to anything the page links to.
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).header("Referrer-Policy", "no-referrer")
                .body(templates.render("unsubscribe.html", variables));
    }
}
