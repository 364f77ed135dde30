package fr.passerelle.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The masked figures of each year, computed over the whole year once and kept until the counts
 * of that year change. Every write bumps the year's generation in the database in its own
 * transaction, so each instance renews its copy on its next read: the generation is read first,
 * then the counts, so a copy is never older than the generation it is kept under. A read that
 * finds its copy current costs one primary-key lookup, outside any transaction.
 * <p>
 * Each computation is a release: it starts from the cells every earlier release of the year
 * published masked, which stay masked, and records those it masks besides, one computation of a
 * year at a time across replicas (see {@link PublishedMasks}).
 */
@ApplicationScoped
public class MaskedYearCache {

    private final IndicatorCountRepository counts;
    private final PublishedMasks published;
    private final IndicatorGeography geography;
    private final IndicatorConfig config;
    private final DataSource dataSource;
    private final Clock clock;
    private final ConcurrentHashMap<Integer, MaskedYear> years = new ConcurrentHashMap<>();

    public MaskedYearCache(IndicatorCountRepository counts, PublishedMasks published, IndicatorGeography geography,
            IndicatorConfig config, DataSource dataSource, Clock clock) {
        this.counts = counts;
        this.published = published;
        this.geography = geography;
        this.config = config;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    MaskedYear get(int year) {
        long generation = generation(year);
        MaskedYear cached = years.get(year);
        if (cached != null && cached.generation() == generation) {
            return cached;
        }
        // The masks are recorded as published before anyone reads them, in the transaction that computes them.
        MaskedYear computed = QuarkusTransaction.joiningExisting().call(() -> {
            published.lockYear(year);
            MaskedYear release = MaskedYear.compute(year, generation, config.maskingThreshold(), counts.year(year),
                    geography.departementsByRegion(), geography.departementByMissionLocale(), published.of(year));
            published.publish(year, release.newlyMasked(), clock.instant());
            return release;
        });
        years.merge(year, computed, (old, fresh) -> fresh.generation() >= old.generation() ? fresh : old);
        return computed;
    }

    private long generation(int year) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select generation from indicator_generation where year = ?")) {
            statement.setShort(1, (short) year);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the generation of " + year, e);
        }
    }
}
