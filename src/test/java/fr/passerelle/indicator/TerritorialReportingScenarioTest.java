package fr.passerelle.indicator;

import static fr.passerelle.indicator.IndicatorFixtures.age;
import static fr.passerelle.indicator.IndicatorFixtures.masked;
import static fr.passerelle.indicator.IndicatorFixtures.on;
import static fr.passerelle.indicator.IndicatorFixtures.own;
import static fr.passerelle.indicator.IndicatorFixtures.ownMissionLocale;
import static fr.passerelle.indicator.IndicatorFixtures.rate;
import static fr.passerelle.indicator.IndicatorFixtures.rateMasked;
import static fr.passerelle.indicator.IndicatorFixtures.status;
import static fr.passerelle.indicator.IndicatorFixtures.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.support.Directory;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed territorial reporting and rates, through the API, in collectivities 16 and 17 (no
 * other test writes to them), with a transfer from 16 to 17 in mid-year. Y is two years back.
 */
@QuarkusTest
class TerritorialReportingScenarioTest {

    /**
     * Missions Locales F and G of 16. Every young person is placed (ACCUEILLI) from 12.
     * <pre>
     * T1 born (Y-17)-05-10: 16 solicits F 01-10; F first contact 01-20, registration 02-01, fragilities HOUSING+MOBILITY 03-01,
     *    training-obligation report 03-15, situation IN_WORK_STUDY 09-01; 16 fragilities HOUSING 04-01, RELAY handover naming F 05-01
     * T2 born (Y-18)-12-01: 16 solicits G 03-01 (G never answers); 16 records the ASE exit (RETURN_TO_FAMILY) 04-01 aged 17, and
     *    rights information and an eligibility check 04-01
     * T3 born (Y-18)-08-01: 16 solicits F 02-01; F registers 02-15, CEJ entry 03-01, situation IN_EMPLOYMENT 05-01;
     *    16 transfers T3 to 17 on 06-15, which ends F's share; 17 restores it by soliciting F 06-20; F decides a
 *    co-intervention 07-01 (counts for 17, the owner that day);
     *    17 records the ASE exit (END_OF_YOUNG_ADULT_CONTRACT) 10-01, while F follows T3
     * T4 born (Y-17)-11-01: 16 solicits F 06-01; F first contact 06-10 (reached, never registered); 16 records an ASE exit
     *    for a transfer to another collectivity 07-01 (not a departure from ASE)
     *
     * 16, Y: SOLICITED 4; REGISTERED 2 (T1, T3); FOLLOWED_ON_31_DECEMBER 1 (T1; T3 is 17's on 31 December);
     *   IN_TRAINING 1 (16-17, ACCUEILLI), IN_EMPLOYMENT 0, IN_CEJ 0; HANDOVER_RELAY 1, CO_INTERVENTION 0; NEVER_REACHED 1 (T2);
     *   ASE_EXITS 1 (T2), LEFT_WITHOUT_SOLUTION 1 (T2, 16-17, EXITED); FRAGILITY_ASSESSED 1, NEED_HOUSING 1, NEED_MOBILITY 1;
     *   RIGHTS_INFORMED 1, ELIGIBILITY_CHECKED 1; TRAINING_OBLIGATION_REPORTED 1; context 3 (T1 ACCUEILLI, T2 and T4 EXITED).
     *   Rates: SOLICITED 4/3 = 133.3, REGISTERED 2/3 = 66.7, FOLLOWED 1/3 = 33.3, IN_TRAINING 1/1 = 100.0, IN_EMPLOYMENT 0.0,
     *   NEVER_REACHED 1/4 = 25.0, LEFT_WITHOUT_SOLUTION 1/1 = 100.0
     * 17, Y: FOLLOWED 1, IN_EMPLOYMENT 1 (18-20, EXITED), IN_CEJ 1, IN_TRAINING 0; CO_INTERVENTION 1; ASE_EXITS 1,
     *   LEFT_WITHOUT_SOLUTION 0 (followed by F); context 1; CEJ_BENEFICIARIES 1 (from the transfer). Rates IN_EMPLOYMENT 100.0,
     *   IN_CEJ 100.0, LEFT_WITHOUT_SOLUTION 0.0
     * F, Y: FOLLOWED 2, IN_TRAINING 1, IN_EMPLOYMENT 1, IN_CEJ 1 (rates 50.0); RELAY 1 (named), CO_INTERVENTION 1 (recorded);
     *   FRAGILITY_ASSESSED 1 (its own), NEED_HOUSING 1, NEED_MOBILITY 1; TRAINING_OBLIGATION_REPORTED 1; no ASE measure.
     * G, Y: NEVER_REACHED 1 of SOLICITED 1: 100.0.
     * </pre>
     */
    @Test
    void territorialMeasuresAndRatesFollowTheirDefinitionsAcrossAMidYearTransfer() {
        int y = IndicatorFixtures.pastYear();
        UUID f = Directory.newMissionLocale("16");
        UUID g = Directory.newMissionLocale("16");
        String tokenF = Tokens.missionLocale(f);
        String sixteen = Tokens.departement("16");

        UUID t1 = IndicatorFixtures.register("16", on(y - 17, 5, 10));
        IndicatorFixtures.solicit("16", t1, f, on(y, 1, 10));
        IndicatorFixtures.step(tokenF, t1, "first-contacts", on(y, 1, 20), Map.of("channel", "IN_PERSON"));
        IndicatorFixtures.step(tokenF, t1, "registrations", on(y, 2, 1), Map.of());
        IndicatorFixtures.step(tokenF, t1, "fragility-assessments", on(y, 3, 1), Map.of("criteria", List.of("HOUSING", "MOBILITY")));
        IndicatorFixtures.step(tokenF, t1, "training-obligation-reports", on(y, 3, 15), Map.of("reason", "DROPPED_OUT"));
        IndicatorFixtures.step(tokenF, t1, "situations", on(y, 9, 1), Map.of("situation", "IN_WORK_STUDY"));
        IndicatorFixtures.step(sixteen, t1, "fragility-assessments", on(y, 4, 1), Map.of("criteria", List.of("HOUSING")));
        IndicatorFixtures.step(sixteen, t1, "handover-decisions", on(y, 5, 1), Map.of("mode", "RELAY", "missionLocaleId", f.toString()));

        UUID t2 = IndicatorFixtures.register("16", on(y - 18, 12, 1));
        IndicatorFixtures.solicit("16", t2, g, on(y, 3, 1));
        IndicatorFixtures.step(sixteen, t2, "ase-exits", on(y, 4, 1), Map.of("exitReason", "RETURN_TO_FAMILY"));
        IndicatorFixtures.step(sixteen, t2, "rights-information", on(y, 4, 1), Map.of("topics", List.of("HOUSING", "HEALTH")));
        IndicatorFixtures.step(sixteen, t2, "eligibility-checks", on(y, 4, 1),
                Map.of("schemes", List.of(Map.of("scheme", "HOUSING_AID", "eligible", true))));

        UUID t3 = IndicatorFixtures.register("16", on(y - 18, 8, 1));
        IndicatorFixtures.solicit("16", t3, f, on(y, 2, 1));
        IndicatorFixtures.step(tokenF, t3, "registrations", on(y, 2, 15), Map.of());
        IndicatorFixtures.step(tokenF, t3, "cej-entries", on(y, 3, 1), null);
        IndicatorFixtures.step(tokenF, t3, "situations", on(y, 5, 1), Map.of("situation", "IN_EMPLOYMENT"));
        IndicatorFixtures.transfer("16", t3, "17", on(y, 6, 15));
        IndicatorFixtures.solicit("17", t3, f, on(y, 6, 20));
        IndicatorFixtures.step(tokenF, t3, "handover-decisions", on(y, 7, 1), Map.of("mode", "CO_INTERVENTION"));
        IndicatorFixtures.step(Tokens.departement("17"), t3, "ase-exits", on(y, 10, 1),
                Map.of("exitReason", "END_OF_YOUNG_ADULT_CONTRACT"));

        UUID t4 = IndicatorFixtures.register("16", on(y - 17, 11, 1));
        IndicatorFixtures.solicit("16", t4, f, on(y, 6, 1));
        IndicatorFixtures.step(tokenF, t4, "first-contacts", on(y, 6, 10), Map.of("channel", "PHONE"));
        IndicatorFixtures.step(sixteen, t4, "ase-exits", on(y, 7, 1), Map.of("exitReason", "TRANSFER_TO_ANOTHER_DEPARTEMENT"));

        JsonPath d16 = own("16", y);
        assertEquals(4, total(d16, "SOLICITED"));
        assertEquals(2, total(d16, "REGISTERED"));
        assertEquals(1, total(d16, "FOLLOWED_ON_31_DECEMBER"));
        assertEquals(1, total(d16, "IN_TRAINING_ON_31_DECEMBER"));
        assertEquals(1, age(d16, "IN_TRAINING_ON_31_DECEMBER", "FROM_16_TO_17"));
        assertEquals(1, status(d16, "IN_TRAINING_ON_31_DECEMBER", "ACCUEILLI"));
        assertEquals(0, total(d16, "IN_EMPLOYMENT_ON_31_DECEMBER"));
        assertEquals(0, total(d16, "IN_CEJ_ON_31_DECEMBER"));
        assertEquals(1, total(d16, "HANDOVER_RELAY"));
        assertEquals(0, total(d16, "HANDOVER_CO_INTERVENTION"));
        assertEquals(1, total(d16, "SOLICITED_NEVER_REACHED"));
        assertEquals(1, total(d16, "ASE_EXITS"));
        assertEquals(1, total(d16, "LEFT_WITHOUT_SOLUTION"));
        assertEquals(1, age(d16, "LEFT_WITHOUT_SOLUTION", "FROM_16_TO_17"));
        assertEquals(1, status(d16, "LEFT_WITHOUT_SOLUTION", "EXITED"));
        assertEquals(1, total(d16, "FRAGILITY_ASSESSED"));
        assertEquals(1, total(d16, "NEED_HOUSING"));
        assertEquals(1, total(d16, "NEED_MOBILITY"));
        assertEquals(0, total(d16, "NEED_HEALTH"));
        assertEquals(1, total(d16, "RIGHTS_INFORMED"));
        assertEquals(1, total(d16, "ELIGIBILITY_CHECKED"));
        assertEquals(1, total(d16, "TRAINING_OBLIGATION_REPORTED"));
        assertEquals(3, total(d16, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER"));
        assertEquals(2, status(d16, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER", "EXITED"));
        assertEquals(133.3f, rate(d16, "SOLICITED"), "a ratio, not a share: T4 left ASE, T3 is 17's by 31 December");
        assertEquals(66.7f, rate(d16, "REGISTERED"));
        assertEquals(33.3f, rate(d16, "FOLLOWED_ON_31_DECEMBER"));
        assertEquals(0.0f, rate(d16, "JOINT_INTERVIEWS"));
        assertEquals(100.0f, rate(d16, "IN_TRAINING_ON_31_DECEMBER"));
        assertEquals(0.0f, rate(d16, "IN_EMPLOYMENT_ON_31_DECEMBER"));
        assertEquals(25.0f, rate(d16, "SOLICITED_NEVER_REACHED"));
        assertEquals(100.0f, rate(d16, "LEFT_WITHOUT_SOLUTION"));
        assertEquals(12, d16.getList("rates").size(), "every rate exists at the collectivity level");

        JsonPath d17 = own("17", y);
        assertEquals(1, total(d17, "FOLLOWED_ON_31_DECEMBER"));
        assertEquals(1, total(d17, "IN_EMPLOYMENT_ON_31_DECEMBER"));
        assertEquals(1, age(d17, "IN_EMPLOYMENT_ON_31_DECEMBER", "FROM_18_TO_20"));
        assertEquals(1, status(d17, "IN_EMPLOYMENT_ON_31_DECEMBER", "EXITED"));
        assertEquals(1, total(d17, "IN_CEJ_ON_31_DECEMBER"));
        assertEquals(0, total(d17, "IN_TRAINING_ON_31_DECEMBER"));
        assertEquals(1, total(d17, "HANDOVER_CO_INTERVENTION"));
        assertEquals(1, total(d17, "ASE_EXITS"));
        assertEquals(0, total(d17, "LEFT_WITHOUT_SOLUTION"));
        assertEquals(1, total(d17, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER"));
        assertEquals(1, total(d17, "CEJ_BENEFICIARIES"));
        assertEquals(1, total(d17, "SOLICITED"), "17 solicited F again to restore the share the transfer ended");
        assertEquals(100.0f, rate(d17, "IN_EMPLOYMENT_ON_31_DECEMBER"));
        assertEquals(100.0f, rate(d17, "IN_CEJ_ON_31_DECEMBER"));
        assertEquals(0.0f, rate(d17, "LEFT_WITHOUT_SOLUTION"));
        assertEquals(100.0f, rate(d17, "SOLICITED"));
        assertEquals(0.0f, rate(d17, "SOLICITED_NEVER_REACHED"), "F had registered T3 before 17 solicited it");
        assertFalse(rateMasked(d17, "SOLICITED_NEVER_REACHED"));

        JsonPath atF = ownMissionLocale(f, y);
        assertEquals(2, total(atF, "FOLLOWED_ON_31_DECEMBER"));
        assertEquals(1, total(atF, "IN_TRAINING_ON_31_DECEMBER"));
        assertEquals(1, total(atF, "IN_EMPLOYMENT_ON_31_DECEMBER"));
        assertEquals(1, total(atF, "IN_CEJ_ON_31_DECEMBER"));
        assertEquals(50.0f, rate(atF, "IN_TRAINING_ON_31_DECEMBER"));
        assertEquals(50.0f, rate(atF, "IN_CEJ_ON_31_DECEMBER"));
        assertEquals(1, total(atF, "HANDOVER_RELAY"));
        assertEquals(1, total(atF, "HANDOVER_CO_INTERVENTION"));
        assertEquals(1, total(atF, "FRAGILITY_ASSESSED"));
        assertEquals(1, total(atF, "NEED_HOUSING"));
        assertEquals(1, total(atF, "NEED_MOBILITY"));
        assertEquals(1, total(atF, "TRAINING_OBLIGATION_REPORTED"));
        assertEquals(0, total(atF, "SOLICITED_NEVER_REACHED"));
        assertNull(atF.get("measures.find { it.measure == 'ASE_EXITS' }"), "no ASE measure at the Mission Locale level");
        assertNull(atF.get("rates.find { it.numerator == 'SOLICITED' }"), "no context population at the Mission Locale level");
        JsonPath atG = ownMissionLocale(g, y);
        assertEquals(100.0f, rate(atG, "SOLICITED_NEVER_REACHED"));

        JsonPath masked16 = IndicatorFixtures.reporting(y, "DEPARTEMENT", "16").statusCode(200).extract().jsonPath();
        assertEquals("MASKED", masked16.getString("view"));
        for (String numerator : List.of("SOLICITED", "REGISTERED", "FOLLOWED_ON_31_DECEMBER", "IN_TRAINING_ON_31_DECEMBER",
                "IN_EMPLOYMENT_ON_31_DECEMBER", "SOLICITED_NEVER_REACHED", "LEFT_WITHOUT_SOLUTION")) {
            assertTrue(rateMasked(masked16, numerator), numerator + ": its numerator or its denominator is a small count");
            assertNull(rate(masked16, numerator));
        }
        assertTrue(masked(masked16, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER"));
        assertTrue(masked(masked16, "FOLLOWED_ON_31_DECEMBER"));
        assertTrue(rateMasked(masked16, "IN_EMPLOYMENT_ON_31_DECEMBER"), "0 of a masked population is masked too");
    }
}
