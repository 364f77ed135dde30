package fr.passerelle.observation;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * k-anonymity over the quasi-identifiers of an export, by local generalisation then suppression.
 * The quasi-identifiers are the collectivity and the birth date as published (month and year); sex
 * is not recorded by the service. Every young person starts at the finest level; the groups of at
 * least k at a level are published at that level, and the others climb the ladder together (birth
 * month, then year, then a 3-year band; collectivity, then region, then the nation). Whoever is left
 * in a group under k at the top is suppressed. Every published combination is therefore shared by at
 * least k young people, whatever an attacker knows of a target's collectivity and birth date.
 */
final class KAnonymity {

    enum TerritoryLevel {
        COLLECTIVITY,
        REGION,
        NATION
    }

    enum BirthPrecision {
        MONTH,
        YEAR,
        BAND
    }

    record Level(TerritoryLevel territory, BirthPrecision birth) {
    }

    /** From the finest to the coarsest. */
    static final List<Level> LADDER = List.of(
            new Level(TerritoryLevel.COLLECTIVITY, BirthPrecision.MONTH),
            new Level(TerritoryLevel.COLLECTIVITY, BirthPrecision.YEAR),
            new Level(TerritoryLevel.COLLECTIVITY, BirthPrecision.BAND),
            new Level(TerritoryLevel.REGION, BirthPrecision.YEAR),
            new Level(TerritoryLevel.REGION, BirthPrecision.BAND),
            new Level(TerritoryLevel.NATION, BirthPrecision.BAND));

    static final String NATION = "FR";

    /** A young person's quasi-identifiers. */
    record Subject(UUID id, String collectivity, String region, YearMonth birth) {
    }

    /** A young person as published: the territory and birth period it shares with at least k others. */
    record Published(Subject subject, String territory, TerritoryLevel territoryLevel, String birth, BirthPrecision birthPrecision) {
    }

    record Result(List<Published> published, List<Subject> suppressed) {
    }

    private KAnonymity() {
    }

    static Result apply(List<Subject> subjects, int k) {
        List<Published> published = new ArrayList<>();
        List<Subject> remaining = new ArrayList<>(subjects);
        for (Level level : LADDER) {
            // Sorted keys: the outcome does not depend on the order the subjects came in.
            Map<String, List<Subject>> groups = new TreeMap<>();
            for (Subject subject : remaining) {
                groups.computeIfAbsent(territory(subject, level.territory()) + "|" + birth(subject, level.birth()), key -> new ArrayList<>())
                        .add(subject);
            }
            remaining = new ArrayList<>();
            for (List<Subject> group : groups.values()) {
                if (group.size() >= k) {
                    for (Subject subject : group) {
                        published.add(new Published(subject, territory(subject, level.territory()), level.territory(),
                                birth(subject, level.birth()), level.birth()));
                    }
                } else {
                    remaining.addAll(group);
                }
            }
        }
        return new Result(published, remaining);
    }

    enum StepPrecision {
        MONTH,
        QUARTER,
        YEAR
    }

    /** A step of a young person: its type and month. */
    record Step(String type, YearMonth month) {
    }

    /** A step as published: its type and period ({@code 2025-04}, {@code 2025-Q2} or {@code 2025}). */
    record PublishedStep(String type, String period, StepPrecision precision) {
    }

    /** The published steps of each young person, and how many steps were coarsened or dropped. */
    record Steps(Map<UUID, List<PublishedStep>> published, int coarsened, int dropped) {
    }

    /**
     * A step type and month held by few people of a class singles them out within it. Every published
     * cell (class, step type, period) must hold at least k young people: the steps of cells under k at
     * the month are grouped by quarter, those still under k by year, and the rest are dropped.
     */
    static Steps coarsenSteps(List<Published> people, Map<UUID, List<Step>> steps, int k) {
        record Entry(UUID id, String publishedClass, Step step) {
        }
        List<Entry> remaining = new ArrayList<>();
        for (Published person : people) {
            String publishedClass = person.territoryLevel() + "|" + person.territory() + "|" + person.birthPrecision() + "|"
                    + person.birth();
            for (Step step : steps.getOrDefault(person.subject().id(), List.of())) {
                remaining.add(new Entry(person.subject().id(), publishedClass, step));
            }
        }
        Map<UUID, List<PublishedStep>> published = new HashMap<>();
        int coarsened = 0;
        for (StepPrecision precision : StepPrecision.values()) {
            Map<String, List<Entry>> cells = new HashMap<>();
            for (Entry entry : remaining) {
                cells.computeIfAbsent(entry.publishedClass() + "|" + entry.step().type() + "|" + period(entry.step().month(), precision),
                        key -> new ArrayList<>()).add(entry);
            }
            remaining = new ArrayList<>();
            for (List<Entry> cell : cells.values()) {
                if (cell.stream().map(Entry::id).distinct().count() >= k) {
                    for (Entry entry : cell) {
                        published.computeIfAbsent(entry.id(), id -> new ArrayList<>())
                                .add(new PublishedStep(entry.step().type(), period(entry.step().month(), precision), precision));
                    }
                    coarsened += precision == StepPrecision.MONTH ? 0 : cell.size();
                } else {
                    remaining.addAll(cell);
                }
            }
        }
        return new Steps(published, coarsened, remaining.size());
    }

    private static String period(YearMonth month, StepPrecision precision) {
        return switch (precision) {
            case MONTH -> month.toString();
            case QUARTER -> month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
            case YEAR -> Integer.toString(month.getYear());
        };
    }

    private static String territory(Subject subject, TerritoryLevel level) {
        return switch (level) {
            case COLLECTIVITY -> subject.collectivity();
            case REGION -> subject.region();
            case NATION -> NATION;
        };
    }

    /** {@code 2008-03}, {@code 2008}, or the 3-year band {@code 2007/2009} (ISO 8601 interval of years). */
    private static String birth(Subject subject, BirthPrecision precision) {
        int year = subject.birth().getYear();
        return switch (precision) {
            case MONTH -> subject.birth().toString();
            case YEAR -> Integer.toString(year);
            case BAND -> {
                int start = year - Math.floorMod(year, 3);
                yield start + "/" + (start + 2);
            }
        };
    }
}
