package fr.passerelle.indicator;

import fr.passerelle.pathway.PathwayHistory;
import fr.passerelle.pathway.PathwayQueryService;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Counts computed from scratch, from every pathway's history: to check that the incremental
 * counts are right, and to rebuild them (after the migration that introduced them, or if a check
 * ever failed). Not reachable through the API.
 */
@ApplicationScoped
public class IndicatorRecomputationService {

    private static final Logger LOG = Logger.getLogger(IndicatorRecomputationService.class);
    private static final int PAGE = 1000;
    private static final int HOUR = 3600;

    /** A count that differs between what is stored and what a recomputation gives. */
    public record Difference(String key, long stored, long recomputed) {
    }

    /** The outcome of a check. */
    public record Verification(long pathways, long cells, List<Difference> differences) {

        public boolean consistent() {
            return differences.isEmpty();
        }
    }

    private final PathwayQueryService pathways;
    private final IndicatorCountRepository counts;
    private final IndicatorGeography geography;

    public IndicatorRecomputationService(PathwayQueryService pathways, IndicatorCountRepository counts,
            IndicatorGeography geography) {
        this.pathways = pathways;
        this.counts = counts;
        this.geography = geography;
    }

    /** Compares the stored counts with a recomputation from every pathway's history. */
    @Transactional
    @TransactionConfiguration(timeout = HOUR)
    public Verification verify() {
        Map<CountKey, Long> recomputed = new HashMap<>();
        long pathwayCount = recompute(recomputed, null);
        Map<CountKey, Long> stored = counts.all();
        Set<CountKey> keys = new HashSet<>(stored.keySet());
        keys.addAll(recomputed.keySet());
        List<Difference> differences = new ArrayList<>();
        for (CountKey key : new TreeSet<>(keys)) {
            long a = stored.getOrDefault(key, 0L);
            long b = recomputed.getOrDefault(key, 0L);
            if (a != b) {
                differences.add(new Difference(key.encode(), a, b));
            }
        }
        return new Verification(pathwayCount, keys.size(), differences);
    }

    /** The stored non-zero counts of one year. */
    @Transactional
    public Map<String, Long> storedYear(int year) {
        Map<String, Long> result = new TreeMap<>();
        for (IndicatorCountRepository.Row row : counts.year(year)) {
            result.put(row.key().encode(), row.count());
        }
        return result;
    }

    /** Replaces every count and contribution by a recomputation; returns the number of pathways read. */
    @Transactional
    @TransactionConfiguration(timeout = HOUR)
    public long rebuild() {
        return replaceAll();
    }

    private long replaceAll() {
        Set<Integer> years = new HashSet<>();
        counts.all().keySet().forEach(key -> years.add(key.year()));
        counts.clear();
        Map<CountKey, Long> totals = new HashMap<>();
        long pathwayCount = recompute(totals, page -> counts.saveContributions(page, Set.of()));
        counts.applyDeltas(totals);
        totals.keySet().forEach(key -> years.add(key.year()));
        counts.bumpGenerations(years);
        return pathwayCount;
    }

    /** After the migration that creates the counts, fills them from the pathways already recorded (once, by one instance). */
    @Transactional
    @TransactionConfiguration(timeout = HOUR)
    void rebuildIfRequired(@Observes StartupEvent startup) {
        if (counts.takeRebuildMarker()) {
            long read = replaceAll();
            LOG.infof("Indicator counts rebuilt from %d pathways", read);
        }
    }

    private interface PageSink {
        void accept(Map<UUID, List<CountKey>> contributions);
    }

    private long recompute(Map<CountKey, Long> totals, PageSink sink) {
        long read = 0;
        UUID after = null;
        while (true) {
            List<UUID> ids = pathways.pathwayIds(after, PAGE);
            if (ids.isEmpty()) {
                return read;
            }
            Map<UUID, PathwayHistory> histories = pathways.histories(ids);
            Map<UUID, List<CountKey>> page = new HashMap<>();
            for (PathwayHistory history : histories.values()) {
                List<CountKey> keys = IndicatorFacts.of(history, geography::regionOf);
                keys.forEach(key -> totals.merge(key, 1L, Long::sum));
                page.put(history.pathwayId(), keys);
            }
            if (sink != null) {
                sink.accept(page);
            }
            read += ids.size();
            after = ids.get(ids.size() - 1);
        }
    }
}
