package io.steppewire.notify.preview;

import io.steppewire.platform.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The backtest, under the subscriptions it previews and with the same keys: any subscriber key or the admin key. */
@RestController
public class PreviewController {

    private final PreviewSubscription previews;

    public PreviewController(PreviewSubscription previews) {
        this.previews = previews;
    }

    @Operation(summary = "What a subscription would have raised", description = "A subscription body (name and channel optional) "
            + "plus from and to (ISO-8601 instants, at most steppewire.notify.preview.max-range apart): the alerts its rules would "
            + "have raised over the stored articles and rate changes, with counts per rule and per day. Saves nothing.")
    @PostMapping(path = "/api/subscriptions/preview", consumes = "application/json", produces = "application/json")
    public PreviewResponse preview(@RequestBody PreviewRequest request) {
        Callers.required();
        return previews.preview(request);
    }
}
