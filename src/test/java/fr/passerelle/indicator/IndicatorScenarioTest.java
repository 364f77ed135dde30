package fr.passerelle.indicator;

import static fr.passerelle.indicator.IndicatorFixtures.age;
import static fr.passerelle.indicator.IndicatorFixtures.median;
import static fr.passerelle.indicator.IndicatorFixtures.on;
import static fr.passerelle.indicator.IndicatorFixtures.own;
import static fr.passerelle.indicator.IndicatorFixtures.ownMissionLocale;
import static fr.passerelle.indicator.IndicatorFixtures.status;
import static fr.passerelle.indicator.IndicatorFixtures.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases for every indicator, through the API. Each test uses collectivities no other
 * test writes to (09, 12, 39, 70), so their figures are exact; years are relative to today so that
 * every young person stays registrable (16 to 20 today).
 */
@QuarkusTest
class IndicatorScenarioTest {

    @Inject
    IndicatorRecomputationService recomputation;

    /**
     * Indicator 1 and the delay, in collectivity 09. Y is two years back.
     * <pre>
     * P1 born Y-17-03-15: solicits A on Y-02-01 and again Y-05-01, B on Y-06-01; first contacts A Y-02-11 (10 days), B Y-06-05 (4)
     * P2 born Y-18-06-01: solicits A on (Y-1)-12-20 and Y-01-10; first contact A Y-01-15 (26 days, counted in Y-1)
     * P3 born Y-16-12-31 (16th birthday on 31 December): solicits B by a CloudEvent at 23:30 Paris time on Y-12-31 (22:30 UTC)
     * P4 born Y-18-02-02: solicits B by a CloudEvent at 00:30 Paris time on (Y+1)-01-01 (23:30 UTC the day before)
     * P9 born Y-18-01-02: leaves ASE on Y-01-05, solicits A on Y-03-01 (aged 18, EXITED)
     * Y:   SOLICITED 4 (P1 P2 P3 P9): ACCUEILLI 3, EXITED 1; 16-17: 3, 18-20: 1. A: 3, B: 2. Delay: 10 and 4, median 7.0
     * Y-1: SOLICITED 1 (P2); delay 26.   Y+1: SOLICITED 1 (P4).
     * Context on 31 Dec Y: 5 (P9 EXITED; P3 turns 16 that day): ACCUEILLI 4, EXITED 1; 16-17: 2 (P1, P3), 18-20: 3
     * </pre>
     */
    @Test
    void solicitationsCountYoungPeopleOnceByParisDate() {
        String d = "09";
        int y = IndicatorFixtures.pastYear();
        UUID a = Directory.newMissionLocale(d);
        UUID b = Directory.newMissionLocale(d);
        UUID p1 = IndicatorFixtures.register(d, on(y - 17, 3, 15));
        IndicatorFixtures.solicit(d, p1, a, on(y, 2, 1));
        IndicatorFixtures.solicit(d, p1, a, on(y, 5, 1));
        IndicatorFixtures.solicit(d, p1, b, on(y, 6, 1));
        IndicatorFixtures.step(Tokens.missionLocale(a), p1, "first-contacts", on(y, 2, 11), Map.of("channel", "PHONE"));
        IndicatorFixtures.step(Tokens.missionLocale(b), p1, "first-contacts", on(y, 6, 5), Map.of("channel", "IN_PERSON"));
        UUID p2 = IndicatorFixtures.register(d, on(y - 18, 6, 1));
        IndicatorFixtures.solicit(d, p2, a, on(y - 1, 12, 20));
        IndicatorFixtures.solicit(d, p2, a, on(y, 1, 10));
        IndicatorFixtures.step(Tokens.missionLocale(a), p2, "first-contacts", on(y, 1, 15), Map.of("channel", "PHONE"));
        UUID p3 = IndicatorFixtures.register(d, on(y - 16, 12, 31));
        Map<String, Object> lateEvening = CloudEvents.about(p3, "mission-locale.solicited.v1", on(y, 12, 31),
                Map.of("missionLocaleId", b.toString()));
        lateEvening.put("time", y + "-12-31T22:30:00Z");
        CloudEvents.push(Tokens.departement(d), lateEvening).statusCode(201);
        UUID p4 = IndicatorFixtures.register(d, on(y - 18, 2, 2));
        Map<String, Object> afterMidnight = CloudEvents.about(p4, "mission-locale.solicited.v1", on(y, 12, 31),
                Map.of("missionLocaleId", b.toString()));
        afterMidnight.put("time", y + "-12-31T23:30:00Z");
        CloudEvents.push(Tokens.departement(d), afterMidnight).statusCode(201);
        UUID p9 = IndicatorFixtures.register(d, on(y - 18, 1, 2));
        IndicatorFixtures.step(Tokens.departement(d), p9, "ase-exits", on(y, 1, 5), Map.of("exitReason", "MAJORITY"));
        IndicatorFixtures.solicit(d, p9, a, on(y, 3, 1));

        JsonPath year = own(d, y);
        assertEquals("EXACT", year.getString("view"));
        assertEquals(4, total(year, "SOLICITED"));
        assertEquals(3, status(year, "SOLICITED", "ACCUEILLI"));
        assertEquals(1, status(year, "SOLICITED", "EXITED"));
        assertEquals(0, status(year, "SOLICITED", "A_DOMICILE"));
        assertEquals(3, age(year, "SOLICITED", "FROM_16_TO_17"));
        assertEquals(1, age(year, "SOLICITED", "FROM_18_TO_20"));
        assertEquals(2, total(year, "FIRST_CONTACT_DELAY"));
        assertEquals(7.0f, median(year));
        assertEquals(5, total(year, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER"));
        assertEquals(4, status(year, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER", "ACCUEILLI"));
        assertEquals(1, status(year, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER", "EXITED"));
        assertEquals(2, age(year, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER", "FROM_16_TO_17"));
        assertEquals(3, age(year, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER", "FROM_18_TO_20"));

        JsonPath before = own(d, y - 1);
        assertEquals(1, total(before, "SOLICITED"));
        assertEquals(1, total(before, "FIRST_CONTACT_DELAY"));
        assertEquals(26.0f, median(before));
        assertEquals(1, total(own(d, y + 1), "SOLICITED"));

        JsonPath atA = ownMissionLocale(a, y);
        assertEquals("MISSION_LOCALE", atA.getString("level"));
        assertEquals(3, total(atA, "SOLICITED"));
        assertEquals(1, total(atA, "FIRST_CONTACT_DELAY"));
        assertEquals(10.0f, median(atA));
        assertNull(atA.get("measures.find { it.measure == 'ASE_YOUNG_PEOPLE_ON_31_DECEMBER' }"),
                "the context population has no Mission Locale level");
        assertEquals(2, total(ownMissionLocale(b, y), "SOLICITED"));
    }

    /**
     * Indicators 2 and 5 in collectivity 12, with Mission Locale C. Y is two years back.
     * <pre>
     * P5: binôme R1 Y-03-01 confirmed by C; binôme R2 (renewal) Y-09-01 not confirmed; joint PAA Y-10-01 confirmed
     * P6: binôme R3 Y-04-01 disputed by C; R4 Y-05-01 without the Mission Locale; binôme R5 Y-06-01 confirmed;
     *     joint PAA Y-10-02 not confirmed
     * P7: joint PAA Y-10-03 disputed by the collectivity itself
     * JOINT_INTERVIEWS 2 (R1, R5), awaiting 1 (R2), disputed 1 (R3); R4 is not a binôme interview.
     * JOINT_AUTONOMY_PROJECTS 1 (P5), awaiting 1 (P6), disputed 1 (P7).
     * Then C confirms R2: 3 / 0 / 1. P6's project updated jointly on Y-11-01 and confirmed: P6 moves to JOINT: 2 / 0 / 1.
     * </pre>
     */
    @Test
    void jointStepsCountOnceAttestedByBothSides() {
        String d = "12";
        int y = IndicatorFixtures.pastYear();
        UUID c = Directory.newMissionLocale(d);
        String token = Tokens.missionLocale(c);
        UUID p5 = IndicatorFixtures.register(d, on(y - 17, 1, 10));
        UUID p6 = IndicatorFixtures.register(d, on(y - 17, 2, 10));
        UUID p7 = IndicatorFixtures.register(d, on(y - 17, 3, 10));
        for (UUID pathway : List.of(p5, p6, p7)) {
            IndicatorFixtures.solicit(d, pathway, c, on(y, 3, 1));
        }
        UUID r1 = IndicatorFixtures.binomeReview(d, p5, c, on(y, 3, 1), false);
        IndicatorFixtures.confirm(token, p5, r1);
        UUID r2 = IndicatorFixtures.binomeReview(d, p5, c, on(y, 9, 1), true);
        UUID r3 = IndicatorFixtures.binomeReview(d, p6, c, on(y, 4, 1), false);
        IndicatorFixtures.dispute(token, p6, r3);
        IndicatorFixtures.step(Tokens.departement(d), p6, "reviews", on(y, 5, 1),
                Map.of("participants", List.of("YOUNG_PERSON", "DEPARTEMENT_WORKER"), "renewal", false));
        UUID r5 = IndicatorFixtures.binomeReview(d, p6, c, on(y, 6, 1), false);
        IndicatorFixtures.confirm(token, p6, r5);
        UUID paa5 = IndicatorFixtures.autonomyProject(d, p5, c, on(y, 10, 1), "ELABORATED");
        IndicatorFixtures.confirm(token, p5, paa5);
        IndicatorFixtures.autonomyProject(d, p6, c, on(y, 10, 2), "ELABORATED");
        UUID paa7 = IndicatorFixtures.autonomyProject(d, p7, c, on(y, 10, 3), "ELABORATED");
        IndicatorFixtures.dispute(Tokens.departement(d), p7, paa7);

        JsonPath figures = own(d, y);
        assertEquals(2, total(figures, "JOINT_INTERVIEWS"));
        assertEquals(1, total(figures, "JOINT_INTERVIEWS_AWAITING_CONFIRMATION"));
        assertEquals(1, total(figures, "JOINT_INTERVIEWS_DISPUTED"));
        assertEquals(1, total(figures, "JOINT_AUTONOMY_PROJECTS"));
        assertEquals(1, total(figures, "JOINT_AUTONOMY_PROJECTS_AWAITING_CONFIRMATION"));
        assertEquals(1, total(figures, "JOINT_AUTONOMY_PROJECTS_DISPUTED"));
        assertEquals(3, total(figures, "SOLICITED"));
        JsonPath atC = ownMissionLocale(c, y);
        assertEquals(2, total(atC, "JOINT_INTERVIEWS"));
        assertEquals(1, total(atC, "JOINT_AUTONOMY_PROJECTS_DISPUTED"));

        IndicatorFixtures.confirm(token, p5, r2);
        UUID update6 = IndicatorFixtures.autonomyProject(d, p6, c, on(y, 11, 1), "UPDATED");
        IndicatorFixtures.confirm(token, p6, update6);
        figures = own(d, y);
        assertEquals(3, total(figures, "JOINT_INTERVIEWS"), "an interview counts in the year it was held, whenever attested");
        assertEquals(0, total(figures, "JOINT_INTERVIEWS_AWAITING_CONFIRMATION"));
        assertEquals(1, total(figures, "JOINT_INTERVIEWS_DISPUTED"));
        assertEquals(2, total(figures, "JOINT_AUTONOMY_PROJECTS"));
        assertEquals(0, total(figures, "JOINT_AUTONOMY_PROJECTS_AWAITING_CONFIRMATION"));
        assertEquals(1, total(figures, "JOINT_AUTONOMY_PROJECTS_DISPUTED"));
    }

    /**
     * Indicators 1, 3, 4 and 6 across a mid-year transfer from 39 to 70 (both in region 27, which no other test
     * writes to), with Mission Locale E of 39. P8 born Y-18-07-01.
     * <pre>
     * 39 solicits E Y-02-01; E registers P8 Y-03-01; E records the CEJ entry Y-04-01; 39 transfers P8 to 70 on Y-06-15,
     * which ends E's share; 70 solicits E Y-10-01, which restores it; E then records a diagnostic dated Y-09-01.
     * 39: SOLICITED 1, REGISTERED 1, CEJ_ENTRIES 1, CEJ_BENEFICIARIES 1 (Y-04-01 to Y-06-14), nothing else
     * 70: SOLICITED 1, ORIENTATION_DIAGNOSED 1 (18-20), CEJ_BENEFICIARIES 1 (from Y-06-15, 16-17),
     *     FOLLOWED_ON_31_DECEMBER 1, context 1
     * Region 27 and E: each young person once. Y+1: the CEJ still runs (70: 1) until an exit dated Y-12-15 is recorded.
     * </pre>
     */
    @Test
    void aTransferInMidYearSplitsTheStepsBetweenCollectivitiesByDate() {
        int y = IndicatorFixtures.pastYear();
        UUID e = Directory.newMissionLocale("39");
        String token = Tokens.missionLocale(e);
        UUID p8 = IndicatorFixtures.register("39", on(y - 18, 7, 1));
        IndicatorFixtures.solicit("39", p8, e, on(y, 2, 1));
        IndicatorFixtures.step(token, p8, "registrations", on(y, 3, 1), Map.of());
        IndicatorFixtures.step(token, p8, "cej-entries", on(y, 4, 1), null);
        IndicatorFixtures.transfer("39", p8, "70", on(y, 6, 15));
        IndicatorFixtures.solicit("70", p8, e, on(y, 10, 1));
        IndicatorFixtures.step(token, p8, "orientation-diagnostics", on(y, 9, 1), Map.of("duringReview", false));

        JsonPath from = own("39", y);
        assertEquals(1, total(from, "SOLICITED"));
        assertEquals(1, total(from, "REGISTERED"));
        assertEquals(1, total(from, "CEJ_ENTRIES"));
        assertEquals(1, total(from, "CEJ_BENEFICIARIES"));
        assertEquals(0, total(from, "ORIENTATION_DIAGNOSED"));
        assertEquals(0, total(from, "FOLLOWED_ON_31_DECEMBER"));
        assertEquals(0, total(from, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER"));
        JsonPath to = own("70", y);
        assertEquals(1, total(to, "SOLICITED"));
        assertEquals(0, total(to, "REGISTERED"));
        assertEquals(0, total(to, "CEJ_ENTRIES"));
        assertEquals(1, total(to, "CEJ_BENEFICIARIES"));
        assertEquals(1, age(to, "CEJ_BENEFICIARIES", "FROM_16_TO_17"));
        assertEquals(1, total(to, "ORIENTATION_DIAGNOSED"));
        assertEquals(1, age(to, "ORIENTATION_DIAGNOSED", "FROM_18_TO_20"));
        assertEquals(1, total(to, "FOLLOWED_ON_31_DECEMBER"));
        assertEquals(1, total(to, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER"));
        JsonPath atE = ownMissionLocale(e, y);
        assertEquals(1, total(atE, "SOLICITED"));
        assertEquals(1, total(atE, "CEJ_BENEFICIARIES"));
        assertEquals(1, total(atE, "FOLLOWED_ON_31_DECEMBER"));

        Map<String, Long> stored = recomputation.storedYear(y);
        assertEquals(1L, stored.get(y + "|REGION|27|SOLICITED|ACCUEILLI|FROM_16_TO_17|0"), "once in the region");
        assertEquals(1L, stored.get(y + "|REGION|27|CEJ_BENEFICIARIES|ACCUEILLI|FROM_16_TO_17|0"), "once in the region");
        assertEquals(1L, stored.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(y + "|REGION|27|CEJ_BENEFICIARIES|")).mapToLong(Map.Entry::getValue).sum());

        assertEquals(1, total(own("70", y + 1), "CEJ_BENEFICIARIES"), "the CEJ runs on while no exit is recorded");
        IndicatorFixtures.step(token, p8, "cej-exits", on(y, 12, 15), Map.of("outcome", "EMPLOYMENT"));
        assertEquals(0, total(own("70", y + 1), "CEJ_BENEFICIARIES"));
        assertEquals(1, total(own("70", y), "CEJ_BENEFICIARIES"));
    }
}
