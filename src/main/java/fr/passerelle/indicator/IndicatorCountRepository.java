package fr.passerelle.indicator;

import fr.passerelle.platform.database.CopyRows;
import fr.passerelle.platform.database.DeferredWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The precomputed counts, each pathway's contribution to them, and a generation number per year
 * that read caches compare with. Statements run on the session's connection, in the caller's
 * transaction, one per batch whatever its size.
 */
@ApplicationScoped
public class IndicatorCountRepository {

    /** One stored count, as read. */
    record Row(int year, Level level, String scope, Measure measure, String aseStatus, String ageBand, int value, long count) {

        CountKey key() {
            return new CountKey(year, level, scope, measure, aseStatus, ageBand, value);
        }
    }

    private static final String APPLY_DELTAS = """
                    insert into indicator_count (year, scope_kind, scope_id, measure, ase_status, age_band, value, count)
                    select t.year, t.scope_kind, t.scope_id, t.measure, t.ase_status, t.age_band, t.value, t.delta
                    from unnest(?::smallint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[])
                        with ordinality as t(year, scope_kind, scope_id, measure, ase_status, age_band, value, delta, position)
                    order by t.position
                    on conflict (year, scope_kind, scope_id, measure, ase_status, age_band, value)
                    do update set count = indicator_count.count + excluded.count""";
    private static final String BUMP_GENERATIONS = """
                    insert into indicator_generation (year, generation)
                    select y, 1 from unnest(?::smallint[]) with ordinality as t(y, position) order by t.position
                    on conflict (year) do update set generation = indicator_generation.generation + 1""";

    private final EntityManager entityManager;
    private final DeferredWrites deferred;

    public IndicatorCountRepository(EntityManager entityManager, DeferredWrites deferred) {
        this.entityManager = entityManager;
        this.deferred = deferred;
    }

    /** The stored contributions of the given pathways; a pathway without one contributes nothing. */
    Map<UUID, List<CountKey>> contributions(Collection<UUID> pathwayIds) {
        Map<UUID, List<CountKey>> result = new HashMap<>();
        if (pathwayIds.isEmpty()) {
            return result;
        }
        session().doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select pathway_id, keys from indicator_contribution where pathway_id = any(?)")) {
                statement.setArray(1, connection.createArrayOf("uuid", pathwayIds.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.put(rows.getObject(1, UUID.class), decode(rows.getString(2)));
                    }
                }
            }
        });
        return result;
    }

    /**
     * Replaces the contributions of the given pathways; an empty one removes the row. Those of
     * pathways that had none ({@code stored} lacks them) are new rows, written with COPY for a
     * batch: the pathway's row lock, taken by the write path, keeps any other writer off them.
     */
    void saveContributions(Map<UUID, List<CountKey>> byPathway, Set<UUID> stored) {
        if (byPathway.isEmpty()) {
            return;
        }
        TreeMap<UUID, List<CountKey>> sorted = new TreeMap<>(byPathway);
        boolean copy = sorted.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty() && !stored.contains(entry.getKey())).count() >= CopyRows.THRESHOLD;
        CopyRows fresh = new CopyRows(sorted.size());
        List<UUID> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<UUID> empty = new ArrayList<>();
        sorted.forEach((id, keys) -> {
            if (keys.isEmpty()) {
                if (stored.contains(id)) {
                    empty.add(id);
                }
            } else if (copy && !stored.contains(id)) {
                fresh.add(id).add(encode(keys)).endRow();
            } else {
                ids.add(id);
                texts.add(encode(keys));
            }
        });
        session().doWork(connection -> {
            fresh.copyInto(connection, "indicator_contribution (pathway_id, keys)");
            if (!ids.isEmpty()) {
                try (PreparedStatement statement = connection.prepareStatement("""
                        insert into indicator_contribution (pathway_id, keys)
                        select t.id, t.keys from unnest(?::uuid[], ?::text[]) with ordinality as t(id, keys, position)
                        order by t.position
                        on conflict (pathway_id) do update set keys = excluded.keys""")) {
                    statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                    statement.setArray(2, connection.createArrayOf("text", texts.toArray()));
                    statement.executeUpdate();
                }
            }
            if (!empty.isEmpty()) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "delete from indicator_contribution where pathway_id = any(?)")) {
                    statement.setArray(1, connection.createArrayOf("uuid", empty.toArray()));
                    statement.executeUpdate();
                }
            }
        });
    }

    /**
     * Adds the deltas to the counts in one statement, in key order so that concurrent writers lock
     * rows in the same order. Each row is updated in place, so two transactions about different
     * pathways commute.
     */
    void applyDeltas(Map<CountKey, Long> deltas) {
        TreeMap<CountKey, Long> sorted = new TreeMap<>();
        deltas.forEach((key, delta) -> {
            if (delta != 0) {
                sorted.put(key, delta);
            }
        });
        if (sorted.isEmpty()) {
            return;
        }
        session().doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(APPLY_DELTAS)) {
                bind(connection, statement, sorted);
                statement.executeUpdate();
            }
        });
    }

    /**
     * {@link #applyDeltas} then {@link #bumpGenerations}, sent with the writing transaction's other deferred writes, at
     * its very end: these rows are shared by every writer (a year's generation, the national counts), whose row locks
     * are then held for the last round trip and the commit only, not for the rest of the transaction.
     */
    void applyDeltasAndBumpLast(Map<CountKey, Long> deltas, Collection<Integer> years) {
        TreeMap<CountKey, Long> sorted = new TreeMap<>();
        deltas.forEach((key, delta) -> {
            if (delta != 0) {
                sorted.put(key, delta);
            }
        });
        if (!sorted.isEmpty()) {
            deferred.defer(APPLY_DELTAS, connection -> {
                List<CountKey> keys = new ArrayList<>(sorted.keySet());
                return List.of(connection.createArrayOf("int2", keys.stream().map(k -> (short) k.year()).toArray()),
                        connection.createArrayOf("text", keys.stream().map(k -> k.level().name()).toArray()),
                        connection.createArrayOf("text", keys.stream().map(CountKey::scope).toArray()),
                        connection.createArrayOf("text", keys.stream().map(k -> k.measure().name()).toArray()),
                        connection.createArrayOf("text", keys.stream().map(CountKey::aseStatus).toArray()),
                        connection.createArrayOf("text", keys.stream().map(CountKey::ageBand).toArray()),
                        connection.createArrayOf("int4", keys.stream().map(CountKey::value).toArray()),
                        connection.createArrayOf("int8", sorted.values().toArray()));
            });
        }
        if (!years.isEmpty()) {
            Integer[] sortedYears = years.stream().distinct().sorted().toArray(Integer[]::new);
            deferred.defer(BUMP_GENERATIONS, connection -> List.of(connection.createArrayOf("int2", sortedYears)));
        }
    }

    /** Marks the years whose counts changed, so that every instance's read cache of those years is renewed. */
    void bumpGenerations(Collection<Integer> years) {
        if (years.isEmpty()) {
            return;
        }
        Integer[] sorted = years.stream().distinct().sorted().toArray(Integer[]::new);
        session().doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(BUMP_GENERATIONS)) {
                statement.setArray(1, connection.createArrayOf("int2", sorted));
                statement.executeUpdate();
            }
        });
    }

    /** The non-zero counts of one scope for a range of years. */
    List<Row> scope(int fromYear, int toYear, Level level, String scope) {
        return rows("""
                select year, scope_kind, scope_id, measure, ase_status, age_band, value, count from indicator_count
                where year between ? and ? and scope_kind = ? and scope_id = ? and count <> 0""", statement -> {
            statement.setShort(1, (short) fromYear);
            statement.setShort(2, (short) toYear);
            statement.setString(3, level.name());
            statement.setString(4, scope);
        });
    }

    /** Every non-zero count of a year, at every level. */
    List<Row> year(int year) {
        return rows("""
                select year, scope_kind, scope_id, measure, ase_status, age_band, value, count from indicator_count
                where year = ? and count <> 0""", statement -> statement.setShort(1, (short) year));
    }

    /** Every non-zero count. */
    Map<CountKey, Long> all() {
        Map<CountKey, Long> counts = new HashMap<>();
        for (Row row : rows("""
                select year, scope_kind, scope_id, measure, ase_status, age_band, value, count from indicator_count
                where count <> 0""", statement -> {
        })) {
            counts.put(row.key(), row.count());
        }
        return counts;
    }

    /** Forgets every count and contribution, before a rebuild. */
    void clear() {
        session().doWork(connection -> {
            try (var statement = connection.createStatement()) {
                statement.executeUpdate("delete from indicator_contribution");
                statement.executeUpdate("delete from indicator_count");
            }
        });
    }

    /** Takes the marker a migration leaves when counts must be rebuilt; false when there is none (or another instance has it). */
    boolean takeRebuildMarker() {
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "delete from indicator_maintenance where name = 'rebuild-required' returning name")) {
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    static String encode(List<CountKey> keys) {
        StringBuilder text = new StringBuilder();
        for (CountKey key : keys) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(key.encode());
        }
        return text.toString();
    }

    static List<CountKey> decode(String text) {
        List<CountKey> keys = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return keys;
        }
        for (String line : text.split("\n")) {
            keys.add(CountKey.decode(line));
        }
        return keys;
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<Row> rows(String sql, Binder binder) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                statement.setFetchSize(5000);
                List<Row> result = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.add(new Row(rows.getInt(1), Level.valueOf(rows.getString(2)), rows.getString(3),
                                Measure.valueOf(rows.getString(4)), rows.getString(5), rows.getString(6), rows.getInt(7),
                                rows.getLong(8)));
                    }
                }
                return result;
            }
        });
    }

    private static void bind(Connection connection, PreparedStatement statement, TreeMap<CountKey, Long> counts)
            throws SQLException {
        List<CountKey> keys = new ArrayList<>(counts.keySet());
        statement.setArray(1, connection.createArrayOf("int2", keys.stream().map(k -> (short) k.year()).toArray()));
        statement.setArray(2, connection.createArrayOf("text", keys.stream().map(k -> k.level().name()).toArray()));
        statement.setArray(3, connection.createArrayOf("text", keys.stream().map(CountKey::scope).toArray()));
        statement.setArray(4, connection.createArrayOf("text", keys.stream().map(k -> k.measure().name()).toArray()));
        statement.setArray(5, connection.createArrayOf("text", keys.stream().map(CountKey::aseStatus).toArray()));
        statement.setArray(6, connection.createArrayOf("text", keys.stream().map(CountKey::ageBand).toArray()));
        statement.setArray(7, connection.createArrayOf("int4", keys.stream().map(CountKey::value).toArray()));
        statement.setArray(8, connection.createArrayOf("int8", counts.values().toArray()));
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }
}
