package fr.passerelle.indicator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every scope's counts for one year, with the cells that small-cell protection masks. The masks
 * are computed over the whole year at once, one additive table per measure:
 * <ul>
 * <li>at the national, regional and collectivity levels, each total is the sum of its ASE-status
 * cells, and the sum of its age-band cells;</li>
 * <li>for each category (total, each status, each age band), the nation is the sum of its regions
 * and each region the sum of its collectivities;</li>
 * <li>each collectivity's total is the sum of the totals of the Missions Locales located in it
 * (Mission Locale figures are published without breakdown in masked views).</li>
 * </ul>
 * Young people counted in two collectivities of the year (a transfer) make the geographic sums
 * only approximate; treating them as exact only masks more.
 */
final class MaskedYear {

    record Scope(Level level, String code) implements Comparable<Scope> {

        @Override
        public int compareTo(Scope other) {
            int byLevel = level.compareTo(other.level);
            return byLevel != 0 ? byLevel : code.compareTo(other.code);
        }
    }

    private final int year;
    private final long generation;
    private final int threshold;
    private final Map<Scope, ScopeCounts> counts;
    private final Map<Measure, Map<Scope, boolean[]>> masks = new HashMap<>();
    private final Map<Scope, IndicatorTable> tables = new ConcurrentHashMap<>();
    private final Set<PublishedMasks.Cell> forced;
    private final List<PublishedMasks.Cell> maskedCells = new ArrayList<>();

    private MaskedYear(int year, long generation, int threshold, Map<Scope, ScopeCounts> counts, Set<PublishedMasks.Cell> forced) {
        this.year = year;
        this.generation = generation;
        this.threshold = threshold;
        this.counts = counts;
        this.forced = forced;
    }

    long generation() {
        return generation;
    }

    static Map<Scope, ScopeCounts> group(List<IndicatorCountRepository.Row> rows) {
        Map<Scope, ScopeCounts> counts = new TreeMap<>();
        for (IndicatorCountRepository.Row row : rows) {
            counts.computeIfAbsent(new Scope(row.level(), row.scope()), scope -> new ScopeCounts()).add(row);
        }
        return counts;
    }

    /**
     * The masks of the year; {@code published} are the cells an earlier release of the year published
     * masked, which stay masked.
     */
    static MaskedYear compute(int year, long generation, int threshold, List<IndicatorCountRepository.Row> rows,
            Map<String, List<String>> departementsByRegion, Map<String, String> departementByMissionLocale,
            Set<PublishedMasks.Cell> published) {
        MaskedYear result = new MaskedYear(year, generation, threshold, group(rows), published);
        for (Measure measure : Measure.values()) {
            result.maskMeasure(measure, departementsByRegion, departementByMissionLocale);
        }
        return result;
    }

    private void maskMeasure(Measure measure, Map<String, List<String>> departementsByRegion,
            Map<String, String> departementByMissionLocale) {
        List<Scope> scopes = new ArrayList<>();
        Scope nation = new Scope(Level.NATION, Level.NATION_CODE);
        scopes.add(nation);
        departementsByRegion.forEach((region, departements) -> {
            scopes.add(new Scope(Level.REGION, region));
            departements.forEach(departement -> scopes.add(new Scope(Level.DEPARTEMENT, departement)));
        });
        Map<String, List<Scope>> missionsLocalesByDepartement = new TreeMap<>();
        if (measure.missionLocaleLevel()) {
            // A Mission Locale with counts, or one whose cell was published masked (it stays so, even at 0).
            Set<Scope> missionsLocales = new TreeSet<>();
            for (Scope scope : counts.keySet()) {
                if (scope.level() == Level.MISSION_LOCALE) {
                    missionsLocales.add(scope);
                }
            }
            for (PublishedMasks.Cell cell : forced) {
                if (cell.measure() == measure && cell.level() == Level.MISSION_LOCALE) {
                    missionsLocales.add(new Scope(Level.MISSION_LOCALE, cell.scope()));
                }
            }
            for (Scope scope : missionsLocales) {
                scopes.add(scope);
                String departement = departementByMissionLocale.get(scope.code());
                if (departement != null) {
                    missionsLocalesByDepartement.computeIfAbsent(departement, d -> new ArrayList<>()).add(scope);
                }
            }
        }
        scopes.sort(null);
        Map<Scope, Integer> base = new HashMap<>();
        long[] values = new long[scopes.size() * ScopeCounts.CATEGORIES];
        for (int i = 0; i < scopes.size(); i++) {
            Scope scope = scopes.get(i);
            base.put(scope, i * ScopeCounts.CATEGORIES);
            ScopeCounts scopeCounts = counts.get(scope);
            for (int category = 0; category < ScopeCounts.CATEGORIES; category++) {
                values[i * ScopeCounts.CATEGORIES + category] = scopeCounts == null ? 0 : scopeCounts.category(measure, category);
            }
        }
        List<Integer> categories = new ArrayList<>();
        categories.add(ScopeCounts.TOTAL);
        if (measure.breakdown()) {
            for (AseStatusBand status : AseStatusBand.values()) {
                categories.add(ScopeCounts.statusCategory(status));
            }
            for (AgeBand band : AgeBand.values()) {
                categories.add(ScopeCounts.ageCategory(band));
            }
        }
        List<SmallCellMasking.Group> groups = new ArrayList<>();
        if (measure.breakdown()) {
            for (Scope scope : scopes) {
                if (scope.level() == Level.MISSION_LOCALE) {
                    continue;
                }
                int at = base.get(scope);
                int[] statuses = new int[AseStatusBand.values().length];
                for (AseStatusBand status : AseStatusBand.values()) {
                    statuses[status.ordinal()] = at + ScopeCounts.statusCategory(status);
                }
                int[] ages = new int[AgeBand.values().length];
                for (AgeBand band : AgeBand.values()) {
                    ages[band.ordinal()] = at + ScopeCounts.ageCategory(band);
                }
                groups.add(new SmallCellMasking.Group(at, statuses));
                groups.add(new SmallCellMasking.Group(at, ages));
            }
        }
        for (int category : categories) {
            int[] regions = departementsByRegion.keySet().stream()
                    .mapToInt(region -> base.get(new Scope(Level.REGION, region)) + category).toArray();
            groups.add(new SmallCellMasking.Group(base.get(nation) + category, regions));
            departementsByRegion.forEach((region, departements) -> groups.add(new SmallCellMasking.Group(
                    base.get(new Scope(Level.REGION, region)) + category,
                    departements.stream().mapToInt(d -> base.get(new Scope(Level.DEPARTEMENT, d)) + category).toArray())));
        }
        missionsLocalesByDepartement.forEach((departement, missionsLocales) -> {
            Integer parent = base.get(new Scope(Level.DEPARTEMENT, departement));
            if (parent != null) {
                groups.add(new SmallCellMasking.Group(parent,
                        missionsLocales.stream().mapToInt(scope -> base.get(scope) + ScopeCounts.TOTAL).toArray()));
            }
        });
        boolean[] wasMasked = new boolean[values.length];
        for (Scope scope : scopes) {
            for (int category : published(measure, scope)) {
                wasMasked[base.get(scope) + category] = forced.contains(cell(measure, scope, category));
            }
        }
        boolean[] masked = SmallCellMasking.mask(values, groups, threshold, wasMasked);
        Map<Scope, boolean[]> byScope = new HashMap<>();
        for (Scope scope : scopes) {
            boolean[] cells = new boolean[ScopeCounts.CATEGORIES];
            System.arraycopy(masked, base.get(scope), cells, 0, ScopeCounts.CATEGORIES);
            byScope.put(scope, cells);
            for (int category : published(measure, scope)) {
                if (cells[category]) {
                    maskedCells.add(cell(measure, scope, category));
                }
            }
        }
        masks.put(measure, byScope);
    }

    /** The categories a masked view publishes for a scope: the total, and the breakdown except at the Mission Locale level. */
    private static List<Integer> published(Measure measure, Scope scope) {
        List<Integer> categories = new ArrayList<>();
        categories.add(ScopeCounts.TOTAL);
        if (measure.breakdown() && scope.level() != Level.MISSION_LOCALE) {
            for (int category = 1; category < ScopeCounts.CATEGORIES; category++) {
                categories.add(category);
            }
        }
        return categories;
    }

    private static PublishedMasks.Cell cell(Measure measure, Scope scope, int category) {
        return new PublishedMasks.Cell(measure, scope.level(), scope.code(), PublishedMasks.Cell.category(category));
    }

    /** The cells this release publishes masked that no earlier release of the year did. */
    List<PublishedMasks.Cell> newlyMasked() {
        return maskedCells.stream().filter(cell -> !forced.contains(cell)).toList();
    }

    /** The masked table of one scope; a scope without any count has only zeros, which are shown. */
    IndicatorTable table(Level level, String code) {
        return tables.computeIfAbsent(new Scope(level, code), this::build);
    }

    private IndicatorTable build(Scope scope) {
        Level level = scope.level();
        String code = scope.code();
        ScopeCounts scopeCounts = counts.getOrDefault(scope, new ScopeCounts());
        return IndicatorTables.build(year, level, code, scopeCounts, (measure, category) -> {
            boolean[] cells = masks.getOrDefault(measure, Map.of()).get(scope);
            return cells != null && cells[category];
        }, threshold);
    }
}
