package fr.passerelle.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The masked figures of each year, computed over the whole year once and kept until the counts
 * of that year change. Every write bumps the year's generation in the database in its own
 * transaction, so each instance renews its copy on its next read: the generation is read first,
 * then the counts, so a copy is never older than the generation it is kept under. A read that
 * finds its copy current costs one primary-key lookup, outside any transaction.
 */
@ApplicationScoped
public class MaskedYearCache {

    private final IndicatorCountRepository counts;
    private final IndicatorGeography geography;
    private final IndicatorConfig config;
    private final DataSource dataSource;
    private final ConcurrentHashMap<Integer, MaskedYear> years = new ConcurrentHashMap<>();

    public MaskedYearCache(IndicatorCountRepository counts, IndicatorGeography geography, IndicatorConfig config,
            DataSource dataSource) {
        this.counts = counts;
        this.geography = geography;
        this.config = config;
        this.dataSource = dataSource;
    }

    MaskedYear get(int year) {
        long generation = generation(year);
        MaskedYear cached = years.get(year);
        if (cached != null && cached.generation() == generation) {
            return cached;
        }
        MaskedYear computed = QuarkusTransaction.joiningExisting().call(() -> MaskedYear.compute(year, generation,
                config.maskingThreshold(), counts.year(year), geography.departementsByRegion(), geography.departementByMissionLocale()));
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
