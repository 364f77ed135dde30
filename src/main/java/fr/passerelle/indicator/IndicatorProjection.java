package fr.passerelle.indicator;

import fr.passerelle.pathway.PathwayHistory;
import fr.passerelle.pathway.PathwaysChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the counts up to date in the transaction that records events: for each pathway that
 * changed, its contributions are derived again from its history, compared with the stored ones,
 * and the difference is added to the counts. A failure here rolls the write back, so the counts
 * never miss an event.
 */
@ApplicationScoped
public class IndicatorProjection {

    private final IndicatorCountRepository counts;
    private final IndicatorGeography geography;

    public IndicatorProjection(IndicatorCountRepository counts, IndicatorGeography geography) {
        this.counts = counts;
        this.geography = geography;
    }

    void onPathwaysChanged(@Observes PathwaysChanged event) {
        List<PathwayHistory> histories = new ArrayList<>();
        for (PathwaysChanged.Change change : event.changes()) {
            histories.add(change.after());
        }
        apply(histories);
    }

    /** Applies the new contributions of these pathways; must run in the writing transaction. */
    void apply(Collection<PathwayHistory> histories) {
        if (histories.isEmpty()) {
            return;
        }
        Set<UUID> ids = new HashSet<>();
        histories.forEach(history -> ids.add(history.pathwayId()));
        Map<UUID, List<CountKey>> before = counts.contributions(ids);
        Map<UUID, List<CountKey>> changed = new HashMap<>();
        Map<CountKey, Long> deltas = new HashMap<>();
        for (PathwayHistory history : histories) {
            List<CountKey> after = IndicatorFacts.of(history, geography::regionOf);
            List<CountKey> previous = before.getOrDefault(history.pathwayId(), List.of());
            Map<CountKey, Long> delta = new HashMap<>();
            after.forEach(key -> delta.merge(key, 1L, Long::sum));
            previous.forEach(key -> delta.merge(key, -1L, Long::sum));
            delta.values().removeIf(value -> value == 0);
            if (!delta.isEmpty() || after.size() != previous.size()) {
                changed.put(history.pathwayId(), after);
                delta.forEach((key, value) -> deltas.merge(key, value, Long::sum));
            }
        }
        deltas.values().removeIf(value -> value == 0);
        counts.saveContributions(changed, before.keySet());
        Set<Integer> years = new HashSet<>();
        deltas.keySet().forEach(key -> years.add(key.year()));
        counts.applyDeltasAndBumpLast(deltas, years);
    }
}
