package fr.passerelle.indicator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The masking rule on small tables, attacked by {@link DifferencingAttacker}. */
class SmallCellMaskingTest {

    private static final int THRESHOLD = 10;

    @Test
    void primaryMaskingHidesOneToTenAndShowsZero() {
        boolean[] masked = SmallCellMasking.mask(new long[] {0, 1, 10, 11, 250}, List.of(), THRESHOLD);
        assertArrayEquals(new boolean[] {false, true, true, false, false}, masked);
    }

    @Test
    void theThresholdIsConfigurableAndZeroDisablesMasking() {
        assertArrayEquals(new boolean[] {true, true, false}, SmallCellMasking.mask(new long[] {3, 5, 6}, List.of(), 5));
        assertArrayEquals(new boolean[] {false, false}, SmallCellMasking.mask(new long[] {3, 5}, List.of(), 0));
    }

    @Test
    void aLoneMaskedCellOfABreakdownDrawsTheNextSmallestOne() {
        // total 30 = ACCUEILLI 12 + A_DOMICILE 3 + EXITED 15 + UNKNOWN 0: 3 alone would be 30 - 12 - 15.
        long[] values = {30, 12, 3, 15, 0};
        boolean[] masked = SmallCellMasking.mask(values, List.of(group(0, 1, 2, 3, 4)), THRESHOLD);
        assertArrayEquals(new boolean[] {false, true, true, false, false}, masked);
        assertSafe(values, List.of(group(0, 1, 2, 3, 4)), masked);
    }

    @Test
    void maskedCellsThatAddUpToASmallNumberAreWidened() {
        // 13 = 11 + 1 + 1: masking the two 1s would tell that both are 1 (they add up to 2 and a masked cell is at least 1).
        long[] values = {13, 11, 1, 1, 0};
        boolean[] masked = SmallCellMasking.mask(values, List.of(group(0, 1, 2, 3, 4)), THRESHOLD);
        assertArrayEquals(new boolean[] {false, true, true, true, false}, masked);
        assertSafe(values, List.of(group(0, 1, 2, 3, 4)), masked);
    }

    @Test
    void aSmallTotalMasksItsWholeBreakdownButZeros() {
        long[] values = {4, 3, 1, 0};
        boolean[] masked = SmallCellMasking.mask(values, List.of(group(0, 1, 2, 3)), THRESHOLD);
        assertArrayEquals(new boolean[] {true, true, true, false}, masked);
    }

    @Test
    void aRegionCannotBeUsedToSubtractACollectivity() {
        // region 17 = A 3 + B 14: A is masked, so B (or the region) must be too.
        long[] values = {17, 3, 14};
        List<SmallCellMasking.Group> groups = List.of(group(0, 1, 2));
        boolean[] masked = SmallCellMasking.mask(values, groups, THRESHOLD);
        assertTrue(masked[1]);
        assertTrue(masked[0] || masked[2]);
        assertSafe(values, groups, masked);
    }

    /**
     * Two releases of region 35 = A 3 + B 12 + C 20 + D 0, then D 11. Without memory the second
     * masks A and D and shows B's unchanged 12, which gives A in the first (35 - 12 - 20); with the
     * first release's masks forced, B stays masked and D may be shown.
     */
    @Test
    void aCellMaskedInAnEarlierReleaseStaysMaskedAndProtected() {
        List<SmallCellMasking.Group> groups = List.of(group(0, 1, 2, 3, 4));
        boolean[] first = SmallCellMasking.mask(new long[] {35, 3, 12, 20, 0}, groups, THRESHOLD);
        assertArrayEquals(new boolean[] {false, true, true, false, false}, first);
        long[] later = {46, 3, 12, 20, 11};
        assertArrayEquals(new boolean[] {false, true, false, false, true}, SmallCellMasking.mask(later, groups, THRESHOLD),
                "without memory, B is shown");
        boolean[] second = SmallCellMasking.mask(later, groups, THRESHOLD, first);
        assertArrayEquals(new boolean[] {false, true, true, false, false}, second);
        assertSafe(later, groups, second);
        // A forced cell that is now 0 stays masked too, and is protected like the others.
        long[] emptied = {32, 0, 12, 20, 0};
        boolean[] third = SmallCellMasking.mask(emptied, groups, THRESHOLD, second);
        assertTrue(third[1] && third[2]);
        assertSafe(emptied, groups, third);
        assertArrayEquals(new boolean[] {true, false}, SmallCellMasking.mask(new long[] {3, 5}, List.of(), 0, new boolean[] {true, false}),
                "masking disabled since: what was published masked stays so");
    }

    /**
     * A two-way table (rows and columns with their totals) where every row and column has two or
     * more masked cells with a large enough sum, yet one cell is determined: two blocks of masked
     * cells joined by a single cell. Row 1 + row 2 - column 1 - column 2 leaves that cell alone.
     * The per-group rule accepts it; the audit does not.
     */
    @Test
    void theAuditCatchesCellsThatOnlyACombinationOfGroupsDetermines() {
        int size = 5;
        long[][] table = {
            {6, 7, 40, 40, 40},
            {7, 6, 5, 40, 40},
            {40, 40, 6, 7, 40},
            {40, 40, 7, 6, 40},
            {40, 40, 40, 40, 40}};
        long[] values = new long[size * size + 2 * size + 1];
        List<SmallCellMasking.Group> groups = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                values[r * size + c] = table[r][c];
            }
        }
        int rowTotals = size * size;
        int columnTotals = rowTotals + size;
        int grand = columnTotals + size;
        for (int r = 0; r < size; r++) {
            int[] cells = new int[size];
            for (int c = 0; c < size; c++) {
                cells[c] = r * size + c;
                values[rowTotals + r] += table[r][c];
            }
            groups.add(new SmallCellMasking.Group(rowTotals + r, cells));
        }
        for (int c = 0; c < size; c++) {
            int[] cells = new int[size];
            for (int r = 0; r < size; r++) {
                cells[r] = r * size + c;
                values[columnTotals + c] += table[r][c];
            }
            groups.add(new SmallCellMasking.Group(columnTotals + c, cells));
        }
        int[] rows = new int[size];
        int[] columns = new int[size];
        for (int i = 0; i < size; i++) {
            rows[i] = rowTotals + i;
            columns[i] = columnTotals + i;
            values[grand] += values[rowTotals + i];
        }
        groups.add(new SmallCellMasking.Group(grand, rows));
        groups.add(new SmallCellMasking.Group(grand, columns));

        boolean[] primary = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            primary[i] = values[i] >= 1 && values[i] <= THRESHOLD;
        }
        assertEquals(List.of(1 * size + 2), SmallCellMasking.determined(values.length, groups, primary),
                "with the primary masks alone, the joining cell is determined");
        boolean[] masked = SmallCellMasking.mask(values, groups, THRESHOLD);
        assertTrue(masked[1 * size + 2]);
        assertTrue(SmallCellMasking.determined(values.length, groups, masked).isEmpty());
        assertTrue(countMasked(masked) > countMasked(primary));
        assertSafe(values, groups, masked);
    }

    /** Random hierarchies (nation, regions, collectivities, each with two breakdowns) with many small cells. */
    @Test
    void randomHierarchiesResistTheDifferencingAttack() {
        Random random = new Random(8102024L);
        for (int round = 0; round < 300; round++) {
            Table table = Table.random(random);
            boolean[] masked = SmallCellMasking.mask(table.values, table.groups, THRESHOLD);
            for (int i = 0; i < masked.length; i++) {
                if (table.values[i] >= 1 && table.values[i] <= THRESHOLD) {
                    assertTrue(masked[i], "primary masking");
                }
            }
            assertSafe(table.values, table.groups, masked);
            assertArrayEquals(masked, SmallCellMasking.mask(table.values.clone(), table.groups, THRESHOLD), "deterministic");
        }
    }

    static void assertSafe(long[] values, List<SmallCellMasking.Group> groups, boolean[] masked) {
        DifferencingAttacker attacker = new DifferencingAttacker();
        for (int i = 0; i < values.length; i++) {
            if (masked[i]) {
                attacker.masked("c" + i);
            } else {
                attacker.shown("c" + i, values[i]);
            }
        }
        for (SmallCellMasking.Group group : groups) {
            attacker.relation("c" + group.parent(), Arrays.stream(group.children()).mapToObj(c -> "c" + c).toList());
        }
        assertEquals(Map.of(), attacker.subtract(), "recovered by subtraction");
        assertEquals(Set.of(), attacker.solve(), "determined by linear algebra");
        assertEquals(List.of(), attacker.narrowSums(THRESHOLD), "masked cells adding up to a small count");
        for (SmallCellMasking.Group group : groups) {
            int count = masked[group.parent()] ? 1 : 0;
            for (int child : group.children()) {
                count += masked[child] ? 1 : 0;
            }
            assertFalse(count == 1, "a group with a single masked cell");
        }
    }

    private static SmallCellMasking.Group group(int parent, int... children) {
        return new SmallCellMasking.Group(parent, children);
    }

    private static int countMasked(boolean[] masked) {
        int count = 0;
        for (boolean m : masked) {
            count += m ? 1 : 0;
        }
        return count;
    }

    /** A random three-level table: nation, regions, collectivities; each scope a 4 x 3 grid published by its margins. */
    private record Table(long[] values, List<SmallCellMasking.Group> groups) {

        static final int CATEGORIES = 8;

        static Table random(Random random) {
            int regions = 1 + random.nextInt(3);
            List<int[]> departementsOf = new ArrayList<>();
            int scopes = 1;
            for (int r = 0; r < regions; r++) {
                int count = 1 + random.nextInt(3);
                int[] ids = new int[count];
                for (int d = 0; d < count; d++) {
                    ids[d] = scopes + regions + departementsOf.stream().mapToInt(a -> a.length).sum() + d;
                }
                departementsOf.add(ids);
            }
            int departements = departementsOf.stream().mapToInt(a -> a.length).sum();
            scopes = 1 + regions + departements;
            long[] values = new long[scopes * CATEGORIES];
            List<SmallCellMasking.Group> groups = new ArrayList<>();
            int scale = 1 + random.nextInt(12);
            for (int r = 0; r < regions; r++) {
                for (int d : departementsOf.get(r)) {
                    for (int s = 0; s < 4; s++) {
                        for (int a = 0; a < 3; a++) {
                            long v = random.nextInt(3) == 0 ? 0 : random.nextInt(scale);
                            add(values, d, s, a, v);
                            add(values, 1 + r, s, a, v);
                            add(values, 0, s, a, v);
                        }
                    }
                }
            }
            for (int scope = 0; scope < scopes; scope++) {
                int base = scope * CATEGORIES;
                groups.add(new SmallCellMasking.Group(base, new int[] {base + 1, base + 2, base + 3, base + 4}));
                groups.add(new SmallCellMasking.Group(base, new int[] {base + 5, base + 6, base + 7}));
            }
            for (int category = 0; category < CATEGORIES; category++) {
                int[] regionCells = new int[regions];
                for (int r = 0; r < regions; r++) {
                    regionCells[r] = (1 + r) * CATEGORIES + category;
                    int[] departementCells = new int[departementsOf.get(r).length];
                    for (int d = 0; d < departementCells.length; d++) {
                        departementCells[d] = departementsOf.get(r)[d] * CATEGORIES + category;
                    }
                    groups.add(new SmallCellMasking.Group(regionCells[r], departementCells));
                }
                groups.add(new SmallCellMasking.Group(category, regionCells));
            }
            return new Table(values, groups);
        }

        private static void add(long[] values, int scope, int status, int age, long value) {
            int base = scope * CATEGORIES;
            values[base] += value;
            values[base + 1 + status] += value;
            values[base + 5 + age] += value;
        }
    }
}
