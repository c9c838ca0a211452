package io.steppewire.rates.official.fetch;

import io.steppewire.platform.net.AddressRefusedException;
import io.steppewire.platform.net.HostNotResolvedException;
import io.steppewire.platform.net.http.ExchangeDeadlineExceededException;
import io.steppewire.platform.net.http.OutboundHttp;
import io.steppewire.platform.net.http.OutboundResponse;
import io.steppewire.platform.net.http.ResponseTooLargeException;
import org.apache.hc.client5.http.classic.methods.HttpGet;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;

/**
 * Reads one answer from a bank through the platform's outbound client: the same address policy as webhooks (public
 * addresses only unless allow-listed, each name resolved once and connected to as checked), no redirects followed,
 * the whole exchange bounded by {@code steppewire.outbound.exchange-deadline} and the body by the source's own limit.
 * Every failure becomes a sentence for the source's state, without the body.
 */
final class BankClient {

    private final OutboundHttp http;

    BankClient(OutboundHttp http) {
        this.http = http;
    }

    byte[] get(URI address, String accept, long maxBytes) throws FetchFailedException {
        HttpGet request = new HttpGet(address);
        request.setHeader("Accept", accept);
        OutboundResponse response;
        try {
            response = http.exchange(request, maxBytes);
        } catch (AddressRefusedException e) {
            throw new FetchFailedException("the address may not be called: " + e.getMessage(), e);
        } catch (HostNotResolvedException e) {
            throw new FetchFailedException(e.getMessage(), e);
        } catch (ExchangeDeadlineExceededException e) {
            throw new FetchFailedException("the bank gave no complete answer within " + e.deadline()
                    + " (steppewire.outbound.exchange-deadline)", e);
        } catch (ResponseTooLargeException e) {
            throw new FetchFailedException("the bank's answer (HTTP " + e.status() + ") is larger than " + maxBytes
                    + " bytes, the most read from it", e);
        } catch (SocketTimeoutException e) {
            throw new FetchFailedException("the bank sent nothing for " + http.settings().responseTimeout()
                    + " (steppewire.outbound.response-timeout)", e);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new FetchFailedException("the fetch was interrupted: the service is stopping", e);
            }
            throw new FetchFailedException("could not reach the bank: " + e.getMessage(), e);
        }
        int status = response.status();
        if (status >= 300 && status < 400) {
            throw new FetchFailedException("the bank answered HTTP " + status + response.redirectTarget(address)
                    .map(target -> " pointing to " + target).orElse("") + "; redirects are not followed, so set the"
                    + " source's url to where the rates are");
        }
        if (!response.isSuccessful()) {
            throw new FetchFailedException("the bank answered HTTP " + status);
        }
        return response.body();
    }
}
