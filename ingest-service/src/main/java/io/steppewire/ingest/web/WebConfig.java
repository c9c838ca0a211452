package io.steppewire.ingest.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Puts the API-key check in front of every {@code /api/**} endpoint. */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final ApiKeyProperties apiKey;
    private final JsonMapper json;

    WebConfig(ApiKeyProperties apiKey, JsonMapper json) {
        this.apiKey = apiKey;
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiKeyInterceptor(apiKey, json)).addPathPatterns("/api/**");
    }
}
