package fr.passerelle.indicator;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** The counts of one scope for one year, by measure, ASE status and age band; the delay as a histogram of days. */
final class ScopeCounts {

    static final int CATEGORIES = 1 + AseStatusBand.values().length + AgeBand.values().length;
    static final int TOTAL = 0;

    private final Map<Measure, long[][]> cells = new EnumMap<>(Measure.class);
    private final TreeMap<Integer, Long> delays = new TreeMap<>();

    void add(IndicatorCountRepository.Row row) {
        if (row.measure() == Measure.FIRST_CONTACT_DELAY) {
            delays.merge(row.value(), row.count(), Long::sum);
            return;
        }
        long[][] grid = cells.computeIfAbsent(row.measure(),
                m -> new long[AseStatusBand.values().length][AgeBand.values().length]);
        grid[AseStatusBand.valueOf(row.aseStatus()).ordinal()][AgeBand.valueOf(row.ageBand()).ordinal()] += row.count();
    }

    /** The count of a category: 0 is the total, then each ASE status, then each age band. */
    long category(Measure measure, int category) {
        if (measure == Measure.FIRST_CONTACT_DELAY) {
            return category == TOTAL ? delays.values().stream().mapToLong(Long::longValue).sum() : 0;
        }
        long[][] grid = cells.get(measure);
        if (grid == null) {
            return 0;
        }
        long sum = 0;
        int statuses = AseStatusBand.values().length;
        for (int s = 0; s < statuses; s++) {
            for (int a = 0; a < AgeBand.values().length; a++) {
                boolean counted = category == TOTAL || category == 1 + s || category == 1 + statuses + a;
                if (counted) {
                    sum += grid[s][a];
                }
            }
        }
        return sum;
    }

    static int statusCategory(AseStatusBand status) {
        return 1 + status.ordinal();
    }

    static int ageCategory(AgeBand band) {
        return 1 + AseStatusBand.values().length + band.ordinal();
    }

    /** The median delay in days: the middle value, or the mean of the two middle values; null without data. */
    BigDecimal medianDelay() {
        long n = category(Measure.FIRST_CONTACT_DELAY, TOTAL);
        if (n == 0) {
            return null;
        }
        long lower = valueAt((n - 1) / 2);
        long upper = valueAt(n / 2);
        return BigDecimal.valueOf(lower + upper).divide(BigDecimal.valueOf(2)).stripTrailingZeros().setScale(1);
    }

    /** The value at a 0-based position in the sorted delays. */
    private long valueAt(long position) {
        long seen = 0;
        for (Map.Entry<Integer, Long> entry : delays.entrySet()) {
            seen += entry.getValue();
            if (position < seen) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("position beyond the histogram");
    }
}
