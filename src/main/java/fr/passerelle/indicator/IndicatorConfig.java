package fr.passerelle.indicator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the indicators. */
@ConfigMapping(prefix = "passerelle.indicators")
public interface IndicatorConfig {

    /**
     * Small-cell threshold: outside a collectivity's or Mission Locale's view of its own figures,
     * a count from 1 to this value is masked (0 is shown). 0 disables masking.
     */
    @WithDefault("10")
    int maskingThreshold();

    /** Most years in one series request. */
    @WithDefault("20")
    int maxSeriesYears();

    /** First year indicators may be asked for. */
    @WithDefault("2000")
    int firstYear();
}
