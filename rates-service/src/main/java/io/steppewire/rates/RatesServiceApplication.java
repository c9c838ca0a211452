package io.steppewire.rates;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RatesServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RatesServiceApplication.class, args);
    }
}
