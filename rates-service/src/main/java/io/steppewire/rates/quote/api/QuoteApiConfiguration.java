package io.steppewire.rates.quote.api;

import io.steppewire.rates.quote.NormaliseQuotes;
import io.steppewire.rates.settings.RatesSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class QuoteApiConfiguration {

    @Bean
    NormaliseQuotes normaliseQuotes(RatesSettings settings) {
        return new NormaliseQuotes(Clock.systemUTC(), settings.quoteApi().maxBatchSize(), settings.quoteApi().clockSkew());
    }
}
