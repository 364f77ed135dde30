package fr.passerelle.indicator;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The masked figures of each year, computed over the whole year once and kept until the counts
 * of that year change. Every write bumps the year's generation in the database in its own
 * transaction, so each instance renews its copy on its next read: the generation is read first,
 * then the counts, so a copy is never older than the generation it is kept under.
 */
@ApplicationScoped
public class MaskedYearCache {

    private final IndicatorCountRepository counts;
    private final IndicatorGeography geography;
    private final IndicatorConfig config;
    private final ConcurrentHashMap<Integer, MaskedYear> years = new ConcurrentHashMap<>();

    public MaskedYearCache(IndicatorCountRepository counts, IndicatorGeography geography, IndicatorConfig config) {
        this.counts = counts;
        this.geography = geography;
        this.config = config;
    }

    /** Must run inside a transaction. */
    MaskedYear get(int year) {
        long generation = counts.generation(year);
        MaskedYear cached = years.get(year);
        if (cached != null && cached.generation() == generation) {
            return cached;
        }
        MaskedYear computed = MaskedYear.compute(year, generation, config.maskingThreshold(), counts.year(year),
                geography.departementsByRegion(), geography.departementByMissionLocale());
        years.merge(year, computed, (old, fresh) -> fresh.generation() >= old.generation() ? fresh : old);
        return computed;
    }
}
