package io.steppewire.rates.official.fetch;

import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.platform.net.http.OutboundHttp;
import io.steppewire.rates.quote.publish.PublishQuotes;
import io.steppewire.rates.settings.RatesSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class OfficialSourcesConfiguration {

    /** Official quotes take the quote API's way to {@code fx.quotes.v1}: the same transactional writer. */
    @Bean
    OfficialSources officialSources(RatesSettings settings, OutboundHttp outboundHttp, PublishQuotes publishQuotes,
                                    MeterRegistry registry) {
        RatesSettings.Official official = settings.official();
        return new OfficialSources(SourceSettings.setups(settings.sources()), new BankClient(outboundHttp),
                publishQuotes::publish, Clock.systemUTC(), official.maxFetchDays(), official.catchUpDays(),
                official.pauseBetweenRequests(), new OfficialMetrics(registry));
    }
}
