package fr.passerelle.indicator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An attacker who knows every published cell and every exact relation between cells (a total and
 * its breakdown, a region and its collectivities, ...), and tries to rebuild masked cells. Written
 * apart from the masking code, with another method: naive subtraction ("totals minus other
 * cells", repeated as long as it recovers something), then exact linear algebra over every
 * combination of relations (dense Gauss-Jordan modulo another prime), then the bounds a masked
 * cell must lie in.
 */
final class DifferencingAttacker {

    private static final long PRIME = 1_000_000_007L;

    /** parent = sum of children, over cell names. */
    record Relation(String parent, List<String> children) {
    }

    private final Map<String, Long> shown = new HashMap<>();
    private final Set<String> masked = new TreeSet<>();
    private final List<Relation> relations = new ArrayList<>();

    void shown(String cell, long value) {
        shown.put(cell, value);
    }

    void masked(String cell) {
        masked.add(cell);
    }

    /** A cell masked in the release attacked whose value the attacker learnt elsewhere (another release). */
    void learn(String cell, long value) {
        if (masked.remove(cell)) {
            shown.put(cell, value);
        }
    }

    void relation(String parent, List<String> children) {
        relations.add(new Relation(parent, children));
    }

    Set<String> maskedCells() {
        return masked;
    }

    /** Cells recovered by repeated subtraction, with their values. */
    Map<String, Long> subtract() {
        Map<String, Long> known = new HashMap<>(shown);
        Map<String, Long> recovered = new LinkedHashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Relation relation : relations) {
                List<String> unknown = new ArrayList<>();
                if (!known.containsKey(relation.parent())) {
                    unknown.add(relation.parent());
                }
                for (String child : relation.children()) {
                    if (!known.containsKey(child)) {
                        unknown.add(child);
                    }
                }
                if (unknown.size() != 1) {
                    continue;
                }
                String cell = unknown.get(0);
                long sum = relation.children().stream().filter(known::containsKey).mapToLong(known::get).sum();
                long value = cell.equals(relation.parent()) ? sum : known.get(relation.parent()) - sum;
                known.put(cell, value);
                recovered.put(cell, value);
                progress = true;
            }
        }
        return recovered;
    }

    /** Masked cells that some combination of relations determines, whatever the values. */
    Set<String> solve() {
        List<String> unknowns = new ArrayList<>(masked);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < unknowns.size(); i++) {
            index.put(unknowns.get(i), i);
        }
        List<long[]> rows = new ArrayList<>();
        for (Relation relation : relations) {
            long[] row = new long[unknowns.size()];
            boolean any = false;
            if (index.containsKey(relation.parent())) {
                row[index.get(relation.parent())] = 1;
                any = true;
            }
            for (String child : relation.children()) {
                if (index.containsKey(child)) {
                    int i = index.get(child);
                    row[i] = Math.floorMod(row[i] - 1, PRIME);
                    any = true;
                }
            }
            if (any) {
                rows.add(row);
            }
        }
        int rank = 0;
        int[] pivotColumn = new int[rows.size()];
        for (int column = 0; column < unknowns.size() && rank < rows.size(); column++) {
            int found = -1;
            for (int r = rank; r < rows.size(); r++) {
                if (rows.get(r)[column] != 0) {
                    found = r;
                    break;
                }
            }
            if (found < 0) {
                continue;
            }
            long[] pivot = rows.get(found);
            rows.set(found, rows.get(rank));
            rows.set(rank, pivot);
            long inverse = power(pivot[column], PRIME - 2);
            for (int c = 0; c < pivot.length; c++) {
                pivot[c] = pivot[c] * inverse % PRIME;
            }
            for (int r = 0; r < rows.size(); r++) {
                long[] other = rows.get(r);
                if (r != rank && other[column] != 0) {
                    long factor = other[column];
                    for (int c = 0; c < other.length; c++) {
                        other[c] = Math.floorMod(other[c] - factor * pivot[c] % PRIME, PRIME);
                    }
                }
            }
            pivotColumn[rank] = column;
            rank++;
        }
        Set<String> determined = new TreeSet<>();
        for (int r = 0; r < rank; r++) {
            long[] row = rows.get(r);
            int nonZero = 0;
            for (long value : row) {
                if (value != 0) {
                    nonZero++;
                }
            }
            if (nonZero == 1) {
                determined.add(unknowns.get(pivotColumn[r]));
            }
        }
        return determined;
    }

    /**
     * Relations whose parent is shown but whose masked children add up to the threshold or less:
     * the attacker would learn that a group of masked cells is itself a small count (e.g. two
     * masked cells adding up to 2 are both 1).
     */
    List<Relation> narrowSums(int threshold) {
        List<Relation> narrow = new ArrayList<>();
        for (Relation relation : relations) {
            if (!shown.containsKey(relation.parent())) {
                continue;
            }
            long sum = shown.get(relation.parent());
            int hidden = 0;
            for (String child : relation.children()) {
                if (shown.containsKey(child)) {
                    sum -= shown.get(child);
                } else {
                    hidden++;
                }
            }
            if (hidden > 0 && sum <= threshold) {
                narrow.add(relation);
            }
        }
        return narrow;
    }

    private static long power(long base, long exponent) {
        long result = 1;
        long b = base % PRIME;
        while (exponent > 0) {
            if ((exponent & 1) == 1) {
                result = result * b % PRIME;
            }
            b = b * b % PRIME;
            exponent >>= 1;
        }
        return result;
    }
}
