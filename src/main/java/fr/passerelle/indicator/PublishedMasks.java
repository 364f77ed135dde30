package fr.passerelle.indicator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;

/**
 * The memory of small-cell protection: every cell that a masked release of a year published masked.
 * Such a cell stays masked in every later release of that year ("once suppressed, always
 * suppressed"), so that two releases never differ in a way that reveals it. Rows are only inserted,
 * and the computations of one year's masks are serialised across replicas, so that each starts
 * from every mask published before it.
 */
@ApplicationScoped
public class PublishedMasks {

    /** One published cell: a category of a measure in a scope. */
    record Cell(Measure measure, Level level, String scope, String category) {

        static final String TOTAL = "TOTAL";

        static String category(int index) {
            if (index == ScopeCounts.TOTAL) {
                return TOTAL;
            }
            for (AseStatusBand status : AseStatusBand.values()) {
                if (ScopeCounts.statusCategory(status) == index) {
                    return "ASE_STATUS:" + status.name();
                }
            }
            for (AgeBand band : AgeBand.values()) {
                if (ScopeCounts.ageCategory(band) == index) {
                    return "AGE_BAND:" + band.name();
                }
            }
            throw new IllegalArgumentException("no category " + index);
        }
    }

    /** The first key of the advisory locks on a year's masks. */
    private static final int YEAR_LOCK = 1_229_866_317;

    private final EntityManager entityManager;

    public PublishedMasks(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Holds, until the transaction ends, the right to compute and publish the masks of the year (two-key lock: a space of its own). */
    void lockYear(int year) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(?1, ?2)")
                .setParameter(1, YEAR_LOCK).setParameter(2, year).getSingleResult();
    }

    /** The cells published masked in the year; those of a measure or level no longer published are left out. */
    Set<Cell> of(int year) {
        return session().doReturningWork(connection -> {
            Set<Cell> cells = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "select measure, scope_kind, scope_id, category from indicator_published_mask where year = ?")) {
                statement.setShort(1, (short) year);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        try {
                            cells.add(new Cell(Measure.valueOf(rows.getString(1)), Level.valueOf(rows.getString(2)), rows.getString(3),
                                    rows.getString(4)));
                        } catch (IllegalArgumentException retired) {
                            // a measure the service no longer publishes: nothing to keep masked
                        }
                    }
                }
            }
            return cells;
        });
    }

    /** Records cells as published masked; those already recorded stay as they are. One statement. */
    void publish(int year, Collection<Cell> cells, Instant now) {
        if (cells.isEmpty()) {
            return;
        }
        List<Cell> list = List.copyOf(cells);
        session().doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    insert into indicator_published_mask (year, measure, scope_kind, scope_id, category, published_at)
                    select ?, t.measure, t.scope_kind, t.scope_id, t.category, ?
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as t(measure, scope_kind, scope_id, category)
                    on conflict do nothing""")) {
                statement.setShort(1, (short) year);
                statement.setTimestamp(2, Timestamp.from(now));
                statement.setArray(3, connection.createArrayOf("text", list.stream().map(cell -> cell.measure().name()).toArray()));
                statement.setArray(4, connection.createArrayOf("text", list.stream().map(cell -> cell.level().name()).toArray()));
                statement.setArray(5, connection.createArrayOf("text", list.stream().map(Cell::scope).toArray()));
                statement.setArray(6, connection.createArrayOf("text", list.stream().map(Cell::category).toArray()));
                statement.executeUpdate();
            }
        });
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }
}
