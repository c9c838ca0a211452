package io.steppewire.notify.subscription.store;

import io.steppewire.notify.subscription.EmailAddressSyntax;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.Optional;

/**
 * E-mail address syntax by Jakarta Mail's strict parser ({@code new InternetAddress(address, true)}), which
 * scans the text once, plus what a delivery needs beyond RFC 822: one bare address (no display name,
 * comment or group) whose domain has a dot. The validator bounds the length before this runs.
 */
public final class InternetAddressSyntax implements EmailAddressSyntax {

    @Override
    public Optional<String> refusal(String address) {
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(address, true);
        } catch (AddressException e) {
            // The message names the fault; the address itself (getRef) is quoted by the caller, cut short.
            return Optional.of(e.getMessage() + (e.getPos() >= 0 ? " at position " + e.getPos() : ""));
        }
        if (parsed.isGroup() || parsed.getPersonal() != null || !address.equals(parsed.getAddress())) {
            return Optional.of("give the bare address, without a name, comment or angle brackets");
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return Optional.of("it has no '@' between a name and a domain");
        }
        String domain = address.substring(at + 1);
        if (domain.indexOf('.') <= 0 || domain.endsWith(".") || domain.startsWith("[")) {
            return Optional.of("its domain '" + domain + "' is not a domain name with a dot");
        }
        return Optional.empty();
    }
}
