package fr.passerelle.indicator;

import java.util.Comparator;

/**
 * One cell of the stored counts: a year, a scope (level and code), a measure, the breakdown
 * category (ASE status and age band, or {@link #ALL} for a measure without breakdown) and a value
 * (the delay in days for {@link Measure#FIRST_CONTACT_DELAY}, 0 otherwise).
 */
record CountKey(int year, Level level, String scope, Measure measure, String aseStatus, String ageBand, int value)
        implements Comparable<CountKey> {

    static final String ALL = "ALL";

    private static final Comparator<CountKey> ORDER = Comparator.comparingInt(CountKey::year)
            .thenComparing(CountKey::level).thenComparing(CountKey::scope).thenComparing(CountKey::measure)
            .thenComparing(CountKey::aseStatus).thenComparing(CountKey::ageBand).thenComparingInt(CountKey::value);

    String encode() {
        return year + "|" + level.name() + "|" + scope + "|" + measure.name() + "|" + aseStatus + "|" + ageBand + "|" + value;
    }

    static CountKey decode(String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length != 7) {
            throw new IllegalArgumentException("not a count key: " + text);
        }
        return new CountKey(Integer.parseInt(parts[0]), Level.valueOf(parts[1]), parts[2], Measure.valueOf(parts[3]), parts[4],
                parts[5], Integer.parseInt(parts[6]));
    }

    @Override
    public int compareTo(CountKey other) {
        return ORDER.compare(this, other);
    }
}
