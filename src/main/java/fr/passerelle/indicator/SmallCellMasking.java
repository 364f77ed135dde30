package fr.passerelle.indicator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small-cell protection of one additive table: cells (counts) and groups, each group stating that
 * a parent cell is the sum of its children (a total and its breakdown, a region and its
 * collectivities, ...). The result says which cells are masked.
 * <ol>
 * <li><b>Primary</b>: a cell from 1 to the threshold is masked; 0 is shown.</li>
 * <li><b>Secondary, per group</b>: in every group, either no cell is masked, or at least two are;
 * and when the parent is shown, the masked children add up to more than the threshold, so that
 * subtracting the shown cells from the parent only gives a sum that is itself not small. A cell
 * is added, smallest non-zero child first (then the parent), until both hold.</li>
 * <li><b>Audit</b>: the groups together form a linear system whose unknowns are the masked cells.
 * A masked cell is exposed when the system determines it, through any combination of groups
 * (e.g. a region minus its other collectivities, where each collectivity's total is in turn a sum of
 * its breakdown). Exposed cells are found exactly by Gaussian elimination (modulo a large prime);
 * for each, one more cell of one of its groups is masked, and the whole procedure runs again
 * until no masked cell is determined.</li>
 * </ol>
 * Cells are visited in index order and ties are broken by index, so the same table always gets
 * the same masks: two readers (or two instances) never see two different patterns whose union
 * would reveal more than either. Cells masked in an earlier release of the same figures are
 * masked again (see {@link PublishedMasks}), so that neither can two releases.
 */
final class SmallCellMasking {

    static final long PRIME = 2_147_483_647L;

    private SmallCellMasking() {
    }

    /** A parent cell and the cells it is the sum of. */
    record Group(int parent, int[] children) {
    }

    static boolean[] mask(long[] values, List<Group> groups, int threshold) {
        return mask(values, groups, threshold, new boolean[values.length]);
    }

    /**
     * The same, with cells that must be masked whatever their value ({@code forced}: masked in an
     * earlier release of the same figures); they enter as primary cells, and the secondary rule and
     * the audit protect them like any other.
     */
    static boolean[] mask(long[] values, List<Group> groups, int threshold, boolean[] forced) {
        boolean[] masked = forced.clone();
        boolean anyForced = false;
        for (boolean cell : forced) {
            anyForced |= cell;
        }
        if (threshold <= 0 && !anyForced) {
            return masked;
        }
        for (int i = 0; i < values.length; i++) {
            masked[i] |= values[i] >= 1 && values[i] <= threshold;
        }
        Map<Integer, List<Group>> groupsOf = new HashMap<>();
        for (Group group : groups) {
            groupsOf.computeIfAbsent(group.parent(), cell -> new ArrayList<>()).add(group);
            for (int child : group.children()) {
                groupsOf.computeIfAbsent(child, cell -> new ArrayList<>()).add(group);
            }
        }
        for (int round = 0; round < values.length + 1; round++) {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Group group : groups) {
                    changed |= protectGroup(group, values, masked, threshold);
                }
            }
            List<Integer> exposed = determined(values.length, groups, masked);
            if (exposed.isEmpty()) {
                return masked;
            }
            boolean progress = false;
            for (int cell : exposed) {
                progress |= maskOneMore(groupsOf.getOrDefault(cell, List.of()), values, masked);
            }
            if (!progress) {
                throw new IllegalStateException("masked cells stay determined and nothing is left to mask");
            }
        }
        throw new IllegalStateException("masking did not converge");
    }

    /** Applies the per-group rule; true when it masked something. */
    private static boolean protectGroup(Group group, long[] values, boolean[] masked, int threshold) {
        boolean changed = false;
        while (true) {
            int count = masked[group.parent()] ? 1 : 0;
            long maskedChildren = 0;
            for (int child : group.children()) {
                if (masked[child]) {
                    count++;
                    maskedChildren += values[child];
                }
            }
            if (count == 0) {
                return changed;
            }
            boolean parentShown = !masked[group.parent()];
            boolean unsafe = count == 1 || parentShown && maskedChildren <= threshold;
            if (!unsafe) {
                return changed;
            }
            int candidate = smallestUnmasked(group.children(), values, masked, true);
            if (candidate < 0 && parentShown) {
                candidate = group.parent();
            }
            if (candidate < 0) {
                candidate = smallestUnmasked(group.children(), values, masked, false);
            }
            if (candidate < 0) {
                return changed;
            }
            masked[candidate] = true;
            changed = true;
        }
    }

    /** Masks one more cell in one of the groups of an exposed cell: a non-zero one if possible. */
    private static boolean maskOneMore(List<Group> groups, long[] values, boolean[] masked) {
        for (boolean nonZero : new boolean[] {true, false}) {
            for (Group group : groups) {
                int candidate = smallestUnmasked(group.children(), values, masked, nonZero);
                if (candidate < 0 && !masked[group.parent()] && (!nonZero || values[group.parent()] > 0)) {
                    candidate = group.parent();
                }
                if (candidate >= 0) {
                    masked[candidate] = true;
                    return true;
                }
            }
        }
        return false;
    }

    private static int smallestUnmasked(int[] cells, long[] values, boolean[] masked, boolean nonZero) {
        int best = -1;
        for (int cell : cells) {
            if (masked[cell] || nonZero && values[cell] == 0) {
                continue;
            }
            if (best < 0 || values[cell] < values[best] || values[cell] == values[best] && cell < best) {
                best = cell;
            }
        }
        return best;
    }

    /**
     * The masked cells that the groups determine, whatever the values: those whose unit vector is
     * in the row space of the groups' equations restricted to masked cells (shown cells are
     * constants). Computed by Gauss-Jordan elimination over the integers modulo a large prime.
     */
    static List<Integer> determined(int cells, List<Group> groups, boolean[] masked) {
        List<Map<Integer, Long>> pivotRows = new ArrayList<>();
        Map<Integer, Integer> pivotOf = new HashMap<>();
        Map<Integer, Set<Integer>> rowsWith = new HashMap<>();
        for (Group group : groups) {
            Map<Integer, Long> row = new HashMap<>();
            if (masked[group.parent()]) {
                row.merge(group.parent(), 1L, SmallCellMasking::add);
            }
            for (int child : group.children()) {
                if (masked[child]) {
                    row.merge(child, PRIME - 1, SmallCellMasking::add);
                }
            }
            row.values().removeIf(value -> value == 0);
            if (row.isEmpty()) {
                continue;
            }
            for (Integer variable : new ArrayList<>(row.keySet())) {
                Integer pivotRow = pivotOf.get(variable);
                Long factor = row.get(variable);
                if (pivotRow != null && factor != null) {
                    subtract(row, pivotRows.get(pivotRow), factor, -1, null);
                }
            }
            if (row.isEmpty()) {
                continue;
            }
            int pivot = row.keySet().stream().min(Integer::compare).orElseThrow();
            long inverse = inverse(row.get(pivot));
            row.replaceAll((variable, value) -> value * inverse % PRIME);
            int id = pivotRows.size();
            for (Integer other : new ArrayList<>(rowsWith.getOrDefault(pivot, Set.of()))) {
                Map<Integer, Long> target = pivotRows.get(other);
                subtract(target, row, target.get(pivot), other, rowsWith);
            }
            pivotRows.add(row);
            pivotOf.put(pivot, id);
            for (Integer variable : row.keySet()) {
                rowsWith.computeIfAbsent(variable, v -> new HashSet<>()).add(id);
            }
        }
        List<Integer> determined = new ArrayList<>();
        pivotOf.forEach((variable, row) -> {
            if (pivotRows.get(row).size() == 1) {
                determined.add(variable);
            }
        });
        determined.sort(Integer::compare);
        return determined;
    }

    /** target -= factor * source, keeping the index of rows by variable when one is given. */
    private static void subtract(Map<Integer, Long> target, Map<Integer, Long> source, long factor, int targetId,
            Map<Integer, Set<Integer>> rowsWith) {
        for (Map.Entry<Integer, Long> entry : source.entrySet()) {
            long current = target.getOrDefault(entry.getKey(), 0L);
            long updated = Math.floorMod(current - factor * entry.getValue() % PRIME, PRIME);
            if (updated == 0) {
                target.remove(entry.getKey());
                if (rowsWith != null) {
                    rowsWith.getOrDefault(entry.getKey(), new HashSet<>()).remove(targetId);
                }
            } else {
                target.put(entry.getKey(), updated);
                if (rowsWith != null) {
                    rowsWith.computeIfAbsent(entry.getKey(), v -> new HashSet<>()).add(targetId);
                }
            }
        }
    }

    private static long add(long a, long b) {
        return (a + b) % PRIME;
    }

    private static long inverse(long value) {
        long result = 1;
        long base = value % PRIME;
        long exponent = PRIME - 2;
        while (exponent > 0) {
            if ((exponent & 1) == 1) {
                result = result * base % PRIME;
            }
            base = base * base % PRIME;
            exponent >>= 1;
        }
        return result;
    }
}
