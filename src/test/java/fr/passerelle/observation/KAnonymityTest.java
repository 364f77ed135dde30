package fr.passerelle.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KAnonymityTest {

    private static KAnonymity.Subject subject(String collectivity, String region, String birth) {
        return new KAnonymity.Subject(UUID.randomUUID(), collectivity, region, YearMonth.parse(birth));
    }

    @Test
    void aPlantedUniqueCombinationIsNeverPublishedAsItIs() {
        List<KAnonymity.Subject> subjects = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            subjects.add(subject("33", "75", "2008-03"));
        }
        KAnonymity.Subject unique = subject("33", "75", "2009-11");
        subjects.add(unique);

        KAnonymity.Result result = KAnonymity.apply(subjects, 11);

        assertTrue(result.suppressed().contains(unique));
        assertEquals(30, result.published().size());
    }

    @Test
    void aUniqueCombinationJoinsAGroupOnceGeneralisedWhenThatMakesEleven() {
        List<KAnonymity.Subject> subjects = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            subjects.add(subject("33", "75", "2008-0" + (1 + i % 9)));
        }
        KAnonymity.Subject unique = subject("33", "75", "2008-12");
        subjects.add(unique);

        KAnonymity.Result result = KAnonymity.apply(subjects, 11);

        assertEquals(List.of(), result.suppressed());
        KAnonymity.Published published = result.published().stream().filter(entry -> entry.subject() == unique).findFirst().orElseThrow();
        assertEquals("2008", published.birth());
        assertEquals(KAnonymity.BirthPrecision.YEAR, published.birthPrecision());
        assertEquals("33", published.territory());
    }

    @Test
    void overRandomPopulationsEveryPublishedCombinationHoldsAtLeastKAndNobodyIsLost() {
        Random random = new Random(13);
        for (int run = 0; run < 200; run++) {
            List<KAnonymity.Subject> subjects = new ArrayList<>();
            int size = random.nextInt(300);
            for (int i = 0; i < size; i++) {
                int collectivity = random.nextInt(6);
                subjects.add(subject("D" + collectivity, "R" + collectivity / 3, (2004 + random.nextInt(6)) + "-"
                        + String.format("%02d", 1 + random.nextInt(12))));
            }
            int k = 2 + random.nextInt(15);
            KAnonymity.Result result = KAnonymity.apply(subjects, k);
            assertEquals(size, result.published().size() + result.suppressed().size());
            Map<String, Integer> classes = new HashMap<>();
            result.published().forEach(entry -> classes.merge(entry.territory() + "|" + entry.birth(), 1, Integer::sum));
            classes.forEach((combination, count) -> assertTrue(count >= k, combination + ": " + count + " < " + k));
            Map<Integer, Integer> suppressedByBand = new HashMap<>();
            result.suppressed().forEach(subject -> suppressedByBand.merge(Math.floorDiv(subject.birth().getYear(), 3), 1, Integer::sum));
            suppressedByBand.forEach((band, count) -> assertTrue(count < k, "a band of " + count + " >= k was suppressed"));
        }
    }
}
