package fr.passerelle.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.passerelle.pathway.EventData;
import fr.passerelle.pathway.EventType;
import fr.passerelle.pathway.PathwayHistory;
import fr.passerelle.pathway.StoredEvent;
import fr.passerelle.platform.security.OrganisationKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Contributions of hand-built histories, for dates the API cannot reach today (past the 21st birthday, future years). */
class IndicatorFactsTest {

    private static final UUID ML = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final String D = "33";
    private static final String RECEIVER = "40";

    @Test
    void ageIsTakenOnTheDateThatCountsWithThe29FebruaryRuleAndAseEndsAt21() {
        LocalDate born = LocalDate.of(2000, 2, 29);
        History h = new History(born).opened(LocalDate.of(2018, 1, 1))
                .ase(LocalDate.of(2012, 1, 1), EventData.Placement.ACCUEILLI)
                .solicit(LocalDate.of(2021, 1, 10))
                .ml(EventType.MISSION_LOCALE_REGISTERED, LocalDate.of(2021, 2, 28), new EventData.MissionLocaleRegistered(null))
                .ml(EventType.ORIENTATION_DIAGNOSTIC_COMPLETED, LocalDate.of(2021, 3, 1), new EventData.OrientationDiagnosticCompleted(false));
        Map<String, Long> keys = h.keys();
        assertEquals(1L, keys.get("2021|DEPARTEMENT|33|REGISTERED|ACCUEILLI|FROM_18_TO_20|0"), "20 on 28 February 2021");
        assertEquals(1L, keys.get("2021|DEPARTEMENT|33|ORIENTATION_DIAGNOSED|EXITED|FROM_21_TO_25|0"),
                "21 on 1 March 2021 (no 29 February), when ASE support has ended");
    }

    @Test
    void aCejWithoutExitRunsToTheDayBeforeThe26thBirthday() {
        LocalDate born = LocalDate.of(2000, 6, 15);
        History h = new History(born).opened(LocalDate.of(2018, 1, 1)).ase(LocalDate.of(2012, 1, 1), EventData.Placement.A_DOMICILE)
                .solicit(LocalDate.of(2023, 4, 1)).ml(EventType.CEJ_STARTED, LocalDate.of(2023, 5, 1), new EventData.CejStarted());
        Map<String, Long> keys = h.keys();
        for (int year = 2023; year <= 2026; year++) {
            assertEquals(1L, total(keys, year, Level.DEPARTEMENT, "CEJ_BENEFICIARIES"), "beneficiary in " + year);
        }
        assertEquals(0L, total(keys, 2027, Level.DEPARTEMENT, "CEJ_BENEFICIARIES"));
        assertEquals(1L, total(keys, 2023, Level.MISSION_LOCALE, "CEJ_ENTRIES"));
        assertEquals(0L, total(keys, 2024, Level.NATION, "CEJ_ENTRIES"));
    }

    @Test
    void followedOn31DecemberEndsWithConsentAndResumesWithANewSolicitation() {
        LocalDate born = LocalDate.of(2005, 3, 3);
        History h = new History(born).opened(LocalDate.of(2021, 9, 1)).ase(LocalDate.of(2017, 1, 1), EventData.Placement.ACCUEILLI)
                .solicit(LocalDate.of(2022, 2, 1))
                .ml(EventType.MISSION_LOCALE_REGISTERED, LocalDate.of(2022, 3, 1), new EventData.MissionLocaleRegistered(null))
                .dep(EventType.CONSENT_WITHDRAWN, LocalDate.of(2023, 7, 1), new EventData.ConsentWithdrawn())
                .dep(EventType.CONSENT_RECORDED, LocalDate.of(2024, 1, 15), new EventData.ConsentRecorded())
                .solicit(LocalDate.of(2024, 2, 1));
        Map<String, Long> keys = h.keys();
        assertEquals(1L, total(keys, 2022, Level.DEPARTEMENT, "FOLLOWED_ON_31_DECEMBER"));
        assertEquals(0L, total(keys, 2023, Level.DEPARTEMENT, "FOLLOWED_ON_31_DECEMBER"), "consent withdrawn");
        assertEquals(1L, total(keys, 2024, Level.DEPARTEMENT, "FOLLOWED_ON_31_DECEMBER"), "solicited again");
        assertEquals(1L, total(keys, 2030, Level.MISSION_LOCALE, "FOLLOWED_ON_31_DECEMBER"), "25 on 31 December 2030");
        assertEquals(0L, total(keys, 2031, Level.MISSION_LOCALE, "FOLLOWED_ON_31_DECEMBER"), "26 by then");
    }

    @Test
    void aTransferEndsTheFollowUpOfTheFormerOwnersMissionLocaleUntilTheNewOwnerSolicitsItAgain() {
        LocalDate born = LocalDate.of(2005, 3, 3);
        History h = new History(born).opened(LocalDate.of(2021, 9, 1)).ase(LocalDate.of(2017, 1, 1), EventData.Placement.ACCUEILLI)
                .solicit(LocalDate.of(2022, 2, 1))
                .ml(EventType.MISSION_LOCALE_REGISTERED, LocalDate.of(2022, 3, 1), new EventData.MissionLocaleRegistered(null))
                .dep(EventType.PATHWAY_TRANSFERRED, LocalDate.of(2023, 6, 1), new EventData.PathwayTransferred(RECEIVER))
                .solicit(LocalDate.of(2025, 2, 1), RECEIVER);
        Map<String, Long> keys = h.keys();
        assertEquals(1L, keys.get("2022|DEPARTEMENT|33|FOLLOWED_ON_31_DECEMBER|ACCUEILLI|FROM_16_TO_17|0"));
        assertEquals(0L, total(keys, 2023, Level.MISSION_LOCALE, "FOLLOWED_ON_31_DECEMBER"), "the share ended at the transfer");
        assertEquals(0L, total(keys, 2024, Level.NATION, "FOLLOWED_ON_31_DECEMBER"), "the receiver did not solicit it");
        assertEquals(1L, keys.get("2025|DEPARTEMENT|" + RECEIVER + "|FOLLOWED_ON_31_DECEMBER|ACCUEILLI|FROM_18_TO_20|0"),
                "solicited again by the receiver, for which it counts");
        assertEquals(1L, total(keys, 2025, Level.DEPARTEMENT, "FOLLOWED_ON_31_DECEMBER"), "counted once, by the owner");
    }

    @Test
    void aShareRestsOnTheSolicitationOfTheCollectivityOwningThePathwayWhateverItsDate() {
        LocalDate born = LocalDate.of(2005, 3, 3);
        // Recorded by the receiver once it owns the pathway, dated before the transfer: the share rests on its own solicitation.
        Map<String, Long> receiver = new History(born).opened(LocalDate.of(2021, 9, 1))
                .ase(LocalDate.of(2017, 1, 1), EventData.Placement.ACCUEILLI)
                .dep(EventType.PATHWAY_TRANSFERRED, LocalDate.of(2023, 6, 1), new EventData.PathwayTransferred(RECEIVER))
                .solicit(LocalDate.of(2023, 5, 1), RECEIVER)
                .ml(EventType.MISSION_LOCALE_REGISTERED, LocalDate.of(2023, 7, 1), new EventData.MissionLocaleRegistered(null))
                .keys();
        assertEquals(1L, receiver.get("2023|DEPARTEMENT|" + RECEIVER + "|FOLLOWED_ON_31_DECEMBER|ACCUEILLI|FROM_18_TO_20|0"));
        // Recorded by the former owner before it recorded the transfer, dated after it: the transfer ends it all the same.
        Map<String, Long> former = new History(born).opened(LocalDate.of(2021, 9, 1))
                .ase(LocalDate.of(2017, 1, 1), EventData.Placement.ACCUEILLI)
                .solicit(LocalDate.of(2022, 2, 1))
                .ml(EventType.MISSION_LOCALE_REGISTERED, LocalDate.of(2022, 3, 1), new EventData.MissionLocaleRegistered(null))
                .solicit(LocalDate.of(2023, 8, 1))
                .dep(EventType.PATHWAY_TRANSFERRED, LocalDate.of(2023, 6, 1), new EventData.PathwayTransferred(RECEIVER))
                .keys();
        assertEquals(1L, total(former, 2022, Level.NATION, "FOLLOWED_ON_31_DECEMBER"));
        assertEquals(0L, total(former, 2023, Level.NATION, "FOLLOWED_ON_31_DECEMBER"));
    }

    @Test
    void theContextPopulationRunsFrom16To25ByStatusOn31December() {
        LocalDate born = LocalDate.of(2005, 12, 31);
        History h = new History(born).opened(LocalDate.of(2022, 1, 1)).ase(LocalDate.of(2015, 1, 1), EventData.Placement.ACCUEILLI)
                .dep(EventType.ASE_SUPPORT_ENDED, LocalDate.of(2023, 6, 1), new EventData.AseSupportEnded(EventData.AseExitReason.MAJORITY));
        Map<String, Long> keys = h.keys();
        assertEquals(0L, total(keys, 2020, Level.DEPARTEMENT, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER"), "15 on 31 December 2020");
        assertEquals(1L, keys.get("2021|DEPARTEMENT|33|ASE_YOUNG_PEOPLE_ON_31_DECEMBER|ACCUEILLI|FROM_16_TO_17|0"), "16 that very day");
        assertEquals(1L, keys.get("2023|DEPARTEMENT|33|ASE_YOUNG_PEOPLE_ON_31_DECEMBER|EXITED|FROM_18_TO_20|0"));
        assertEquals(1L, keys.get("2030|REGION|75|ASE_YOUNG_PEOPLE_ON_31_DECEMBER|EXITED|FROM_21_TO_25|0"));
        assertEquals(0L, total(keys, 2031, Level.NATION, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER"));
        assertEquals(0L, keys.keySet().stream().filter(key -> key.contains("MISSION_LOCALE")).count());
    }

    /**
     * Situations on 31 December: the latest one dated that day or before, from situation updates and CEJ exits.
     * <pre>
     * 2022: registered, SEEKING then (12-31) IN_WORK_STUDY: in training. 2023: CEJ from 03-01, exit 11-30 with EMPLOYMENT:
     * in employment, not in the CEJ on 31 December. 2024: situation WITHOUT_ACTIVITY 2025-01-02 is next year's; CEJ again
     * from 2024-06-01 without exit: in employment (CEJ exit still the latest) and in the CEJ. 2025: without activity, in CEJ.
     * </pre>
     */
    @Test
    void situationsOn31DecemberAreTheLatestKnownThatDayFromUpdatesAndCejExits() {
        LocalDate born = LocalDate.of(2004, 5, 5);
        History h = new History(born).opened(LocalDate.of(2021, 1, 1)).ase(LocalDate.of(2016, 1, 1), EventData.Placement.ACCUEILLI)
                .solicit(LocalDate.of(2022, 1, 10))
                .ml(EventType.MISSION_LOCALE_REGISTERED, LocalDate.of(2022, 2, 1), new EventData.MissionLocaleRegistered(null))
                .ml(EventType.SITUATION_UPDATED, LocalDate.of(2022, 6, 1), situation(EventData.Situation.SEEKING_EMPLOYMENT_OR_TRAINING))
                .ml(EventType.SITUATION_UPDATED, LocalDate.of(2022, 12, 31), situation(EventData.Situation.IN_WORK_STUDY))
                .ml(EventType.CEJ_STARTED, LocalDate.of(2023, 3, 1), new EventData.CejStarted())
                .ml(EventType.CEJ_ENDED, LocalDate.of(2023, 11, 30), new EventData.CejEnded(EventData.CejOutcome.EMPLOYMENT))
                .ml(EventType.CEJ_STARTED, LocalDate.of(2024, 6, 1), new EventData.CejStarted())
                .ml(EventType.SITUATION_UPDATED, LocalDate.of(2025, 1, 2), situation(EventData.Situation.WITHOUT_ACTIVITY));
        Map<String, Long> keys = h.keys();
        assertEquals(1L, total(keys, 2022, Level.DEPARTEMENT, "IN_TRAINING_ON_31_DECEMBER"));
        assertEquals(0L, total(keys, 2022, Level.DEPARTEMENT, "IN_EMPLOYMENT_ON_31_DECEMBER"));
        assertEquals(1L, total(keys, 2022, Level.MISSION_LOCALE, "IN_TRAINING_ON_31_DECEMBER"));
        assertEquals(0L, total(keys, 2023, Level.DEPARTEMENT, "IN_TRAINING_ON_31_DECEMBER"));
        assertEquals(1L, total(keys, 2023, Level.DEPARTEMENT, "IN_EMPLOYMENT_ON_31_DECEMBER"), "the CEJ exit's outcome");
        assertEquals(0L, total(keys, 2023, Level.DEPARTEMENT, "IN_CEJ_ON_31_DECEMBER"), "left the CEJ on 30 November");
        assertEquals(1L, total(keys, 2024, Level.DEPARTEMENT, "IN_EMPLOYMENT_ON_31_DECEMBER"));
        assertEquals(1L, total(keys, 2024, Level.NATION, "IN_CEJ_ON_31_DECEMBER"));
        assertEquals(0L, total(keys, 2025, Level.DEPARTEMENT, "IN_EMPLOYMENT_ON_31_DECEMBER"));
        assertEquals(1L, total(keys, 2025, Level.DEPARTEMENT, "IN_CEJ_ON_31_DECEMBER"));
        assertEquals(1L, keys.get("2022|DEPARTEMENT|33|IN_TRAINING_ON_31_DECEMBER|ACCUEILLI|FROM_18_TO_20|0"));
    }

    /**
     * ASE exits and leaving without a solution, judged on the exit date.
     * <pre>
     * 2022-03-01 exit for a transfer: not an exit. 2023-04-01 restart; 2023-09-01 exit (MAJORITY), nothing else: without a
     * solution. 2024-01-05 restart, registered at the Mission Locale 2024-02-01 (solicited 2024-01-10), exit 2024-05-01:
     * followed, so with a solution; consent withdrawn 2024-07-01, restart 2024-08-01, situation IN_EMPLOYMENT 2024-09-01,
     * exit 2024-10-01: with a solution (in employment). One young person per year in ASE_EXITS.
     * </pre>
     */
    @Test
    void leavingWithoutASolutionIsJudgedOnTheExitDate() {
        LocalDate born = LocalDate.of(2004, 1, 1);
        History h = new History(born).opened(LocalDate.of(2021, 1, 1)).ase(LocalDate.of(2016, 1, 1), EventData.Placement.A_DOMICILE)
                .dep(EventType.ASE_SUPPORT_ENDED, LocalDate.of(2022, 3, 1),
                        new EventData.AseSupportEnded(EventData.AseExitReason.TRANSFER_TO_ANOTHER_DEPARTEMENT))
                .ase(LocalDate.of(2023, 4, 1), EventData.Placement.ACCUEILLI)
                .dep(EventType.ASE_SUPPORT_ENDED, LocalDate.of(2023, 9, 1), new EventData.AseSupportEnded(EventData.AseExitReason.MAJORITY))
                .ase(LocalDate.of(2024, 1, 5), EventData.Placement.ACCUEILLI)
                .solicit(LocalDate.of(2024, 1, 10))
                .ml(EventType.MISSION_LOCALE_REGISTERED, LocalDate.of(2024, 2, 1), new EventData.MissionLocaleRegistered(null))
                .dep(EventType.ASE_SUPPORT_ENDED, LocalDate.of(2024, 5, 1), new EventData.AseSupportEnded(EventData.AseExitReason.OTHER))
                .dep(EventType.CONSENT_WITHDRAWN, LocalDate.of(2024, 7, 1), new EventData.ConsentWithdrawn())
                .ase(LocalDate.of(2024, 8, 1), EventData.Placement.ACCUEILLI)
                .ml(EventType.SITUATION_UPDATED, LocalDate.of(2024, 9, 1), situation(EventData.Situation.IN_EMPLOYMENT))
                .dep(EventType.ASE_SUPPORT_ENDED, LocalDate.of(2024, 10, 1), new EventData.AseSupportEnded(EventData.AseExitReason.OTHER));
        Map<String, Long> keys = h.keys();
        assertEquals(0L, total(keys, 2022, Level.DEPARTEMENT, "ASE_EXITS"), "an exit for a transfer is not a departure from ASE");
        assertEquals(1L, keys.get("2023|DEPARTEMENT|33|ASE_EXITS|EXITED|FROM_18_TO_20|0"));
        assertEquals(1L, keys.get("2023|DEPARTEMENT|33|LEFT_WITHOUT_SOLUTION|EXITED|FROM_18_TO_20|0"));
        assertEquals(1L, total(keys, 2024, Level.DEPARTEMENT, "ASE_EXITS"), "twice in the year, counted once");
        assertEquals(0L, total(keys, 2024, Level.DEPARTEMENT, "LEFT_WITHOUT_SOLUTION"));
        assertEquals(0L, keys.keySet().stream().filter(key -> key.contains("|MISSION_LOCALE|") && key.contains("ASE_EXITS")).count(),
                "no Mission Locale level");
    }

    /** Never reached: a Mission Locale first solicited in the year with neither first contact nor registration, as known now. */
    @Test
    void aSolicitedYoungPersonIsNeverReachedUntilTheMissionLocaleRecordsAContactOrARegistration() {
        LocalDate born = LocalDate.of(2005, 5, 5);
        History h = new History(born).opened(LocalDate.of(2021, 9, 1)).ase(LocalDate.of(2017, 1, 1), EventData.Placement.ACCUEILLI)
                .solicit(LocalDate.of(2022, 11, 1)).solicit(LocalDate.of(2023, 2, 1));
        assertEquals(1L, total(h.keys(), 2022, Level.DEPARTEMENT, "SOLICITED_NEVER_REACHED"));
        assertEquals(0L, total(h.keys(), 2023, Level.DEPARTEMENT, "SOLICITED_NEVER_REACHED"), "the first solicitation counts");
        h.ml(EventType.MISSION_LOCALE_REGISTERED, LocalDate.of(2024, 3, 1), new EventData.MissionLocaleRegistered(null));
        assertEquals(0L, total(h.keys(), 2022, Level.DEPARTEMENT, "SOLICITED_NEVER_REACHED"), "reached later: no longer counted");
    }

    /** Steps both sides record count for the collectivity recording them, or the owner for a Mission Locale's, and its Mission Locale. */
    @Test
    void needsHandoversRightsAndReportsCountOncePerYoungPersonAndCriterion() {
        LocalDate born = LocalDate.of(2006, 7, 1);
        History h = new History(born).opened(LocalDate.of(2023, 1, 1)).ase(LocalDate.of(2018, 1, 1), EventData.Placement.ACCUEILLI)
                .solicit(LocalDate.of(2023, 2, 1))
                .dep(EventType.FRAGILITY_ASSESSED, LocalDate.of(2023, 3, 1), new EventData.FragilityAssessed(
                        List.of(EventData.FragilityCriterion.HOUSING, EventData.FragilityCriterion.MOBILITY)))
                .ml(EventType.FRAGILITY_ASSESSED, LocalDate.of(2023, 4, 1), new EventData.FragilityAssessed(
                        List.of(EventData.FragilityCriterion.HOUSING)))
                .ml(EventType.FRAGILITY_ASSESSED, LocalDate.of(2023, 5, 1), new EventData.FragilityAssessed(List.of()))
                .dep(EventType.HANDOVER_DECIDED, LocalDate.of(2023, 6, 1), new EventData.HandoverDecided(EventData.HandoverMode.RELAY, ML))
                .ml(EventType.HANDOVER_DECIDED, LocalDate.of(2023, 7, 1), new EventData.HandoverDecided(EventData.HandoverMode.CO_INTERVENTION, null))
                .ml(EventType.RIGHTS_INFORMATION_GIVEN, LocalDate.of(2023, 8, 1), new EventData.RightsInformationGiven(
                        List.of(EventData.RightsTopic.HEALTH)))
                .ml(EventType.TRAINING_OBLIGATION_REPORTED, LocalDate.of(2023, 9, 1),
                        new EventData.TrainingObligationReported(EventData.TrainingObligationReason.NOT_REACHABLE));
        Map<String, Long> keys = h.keys();
        assertEquals(1L, total(keys, 2023, Level.DEPARTEMENT, "FRAGILITY_ASSESSED"));
        assertEquals(1L, total(keys, 2023, Level.DEPARTEMENT, "NEED_HOUSING"));
        assertEquals(1L, total(keys, 2023, Level.DEPARTEMENT, "NEED_MOBILITY"));
        assertEquals(0L, total(keys, 2023, Level.DEPARTEMENT, "NEED_HEALTH"));
        assertEquals(1L, total(keys, 2023, Level.MISSION_LOCALE, "NEED_HOUSING"), "the Mission Locale's own assessment");
        assertEquals(0L, total(keys, 2023, Level.MISSION_LOCALE, "NEED_MOBILITY"), "only the collectivity's assessment found it");
        assertEquals(1L, keys.get("2023|MISSION_LOCALE|" + ML + "|FRAGILITY_ASSESSED|ACCUEILLI|FROM_16_TO_17|0"),
                "first counted on 1 April, aged 16");
        assertEquals(1L, total(keys, 2023, Level.DEPARTEMENT, "HANDOVER_RELAY"));
        assertEquals(1L, total(keys, 2023, Level.MISSION_LOCALE, "HANDOVER_RELAY"), "the Mission Locale the collectivity named");
        assertEquals(1L, total(keys, 2023, Level.DEPARTEMENT, "HANDOVER_CO_INTERVENTION"));
        assertEquals(1L, total(keys, 2023, Level.NATION, "RIGHTS_INFORMED"));
        assertEquals(0L, total(keys, 2023, Level.NATION, "ELIGIBILITY_CHECKED"));
        assertEquals(1L, keys.get("2023|DEPARTEMENT|33|TRAINING_OBLIGATION_REPORTED|ACCUEILLI|FROM_16_TO_17|0"));
    }

    private static EventData.SituationUpdated situation(EventData.Situation situation) {
        return new EventData.SituationUpdated(situation);
    }

    private static long total(Map<String, Long> keys, int year, Level level, String measure) {
        return keys.entrySet().stream().filter(entry -> entry.getKey().startsWith(year + "|" + level + "|")
                && entry.getKey().contains("|" + measure + "|")).mapToLong(Map.Entry::getValue).sum();
    }

    /** A hand-built history; events are kept in date order like the effective steps. */
    private static final class History {
        private final LocalDate born;
        private final UUID pathway = UUID.randomUUID();
        private final List<StoredEvent> steps = new ArrayList<>();

        History(LocalDate born) {
            this.born = born;
        }

        History opened(LocalDate on) {
            return add(EventType.PATHWAY_OPENED, on, OrganisationKind.DEPARTEMENT, D, new EventData.PathwayOpened());
        }

        History ase(LocalDate on, EventData.Placement placement) {
            return add(EventType.ASE_SUPPORT_STARTED, on, OrganisationKind.DEPARTEMENT, D,
                    new EventData.AseSupportStarted(placement, EventData.Measure.JUDICIAL, false));
        }

        History solicit(LocalDate on) {
            return solicit(on, D);
        }

        History solicit(LocalDate on, String departement) {
            return add(EventType.MISSION_LOCALE_SOLICITED, on, OrganisationKind.DEPARTEMENT, departement,
                    new EventData.MissionLocaleSolicited(ML));
        }

        History ml(EventType type, LocalDate on, EventData.Payload data) {
            return add(type, on, OrganisationKind.MISSION_LOCALE, ML.toString(), data);
        }

        History dep(EventType type, LocalDate on, EventData.Payload data) {
            return add(type, on, OrganisationKind.DEPARTEMENT, D, data);
        }

        private History add(EventType type, LocalDate on, OrganisationKind kind, String recorder, EventData.Payload data) {
            steps.add(new StoredEvent(UUID.randomUUID(), steps.size() + 1, pathway, type, on, Instant.EPOCH, kind, recorder, null, data));
            return this;
        }

        Map<String, Long> keys() {
            List<StoredEvent> sorted = steps.stream()
                    .sorted(Comparator.comparing(StoredEvent::occurredOn).thenComparingLong(StoredEvent::seq)).toList();
            return IndicatorFacts.of(new PathwayHistory(pathway, born, null, sorted, steps), code -> code.equals(D) ? "75" : null).stream()
                    .collect(Collectors.groupingBy(CountKey::encode, TreeMap::new, Collectors.counting()));
        }
    }
}
