package fr.passerelle.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.pathway.EventData;
import fr.passerelle.pathway.EventOutcome;
import fr.passerelle.pathway.EventSubmission;
import fr.passerelle.pathway.EventType;
import fr.passerelle.pathway.PathwayWriteService;
import fr.passerelle.pathway.YoungPerson;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: whatever the stream of events (late, corrected, retracted, confirmed, disputed,
 * transferred, in batches of any size), the counts kept incrementally equal a recomputation from
 * scratch, for the indicators and the territorial measures (situations, handovers, fragilities,
 * rights, eligibility, training-obligation reports, ASE exits and restarts). Streams are random with a fixed seed, written straight to the write service; many
 * events are rejected by the rules, as they would be in real life. Uses the collectivities of
 * Normandie (14, 27, 50, 61, 76), which no other test writes to.
 */
@QuarkusTest
class IndicatorPropertyTest {

    private static final List<String> DEPARTEMENTS = List.of("14", "27", "50", "61", "76");
    private static final int YOUNG_PEOPLE = 24;
    private static final int ACTIONS = 26;

    @Inject
    PathwayWriteService write;

    @Inject
    IndicatorRecomputationService recomputation;

    @Inject
    ObjectMapper mapper;

    /** A recorded event, to correct, retract, confirm or dispute later. */
    private record Recorded(UUID pathway, UUID id, EventType type, Caller recorder, Object data, LocalDate on) {
    }

    /** What the generator knows about one young person. */
    private static final class Young {
        final UUID pathway;
        final LocalDate birthDate;
        String owner;
        final List<UUID> solicited = new ArrayList<>();

        Young(UUID pathway, LocalDate birthDate, String owner) {
            this.pathway = pathway;
            this.birthDate = birthDate;
            this.owner = owner;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {20241008L, 7L, 1_000_003L})
    void incrementalCountsEqualARecomputationFromScratch(long seed) {
        Random random = new Random(seed);
        LocalDate today = Pathways.today();
        Map<String, List<UUID>> missionsLocales = new HashMap<>();
        for (String departement : DEPARTEMENTS) {
            missionsLocales.put(departement, List.of(Directory.newMissionLocale(departement), Directory.newMissionLocale(departement)));
        }
        List<UUID> allMissionsLocales = missionsLocales.values().stream().flatMap(List::stream).toList();
        List<Young> people = new ArrayList<>();
        List<Recorded> recorded = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < YOUNG_PEOPLE; i++) {
            String departement = DEPARTEMENTS.get(random.nextInt(DEPARTEMENTS.size()));
            LocalDate birthDate = today.minusYears(16).minusDays(1 + random.nextInt(365 * 5 - 2));
            Caller caller = departement(departement);
            EventData.AseSupportStarted ase = new EventData.AseSupportStarted(
                    random.nextBoolean() ? EventData.Placement.ACCUEILLI : EventData.Placement.A_DOMICILE,
                    EventData.Measure.JUDICIAL, false);
            EventSubmission.Readable registration = new EventSubmission.Readable("urn:test:property", UUID.randomUUID().toString(),
                    EventType.ASE_SUPPORT_STARTED, new EventSubmission.PathwayReference(null, "PROP-" + UUID.randomUUID()),
                    birthDate.plusYears(10 + random.nextInt(7)), null, ase, null, null,
                    new YoungPerson("Prop", "Erty-" + UUID.randomUUID(), birthDate, null, null, null), true, null);
            EventOutcome outcome = write.record(caller, List.of(registration)).get(0);
            assertEquals(EventOutcome.Status.ACCEPTED, outcome.status(), () -> String.valueOf(outcome.rejection()));
            people.add(new Young(outcome.pathwayId(), birthDate, departement));
        }
        for (int round = 0; round < ACTIONS; round++) {
            // One batch per caller per round: several pathways change in one transaction.
            Map<Caller, List<EventSubmission>> batches = new HashMap<>();
            Map<Caller, List<Object[]>> pending = new HashMap<>();
            for (Young young : people) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                Object[] action = action(random, young, recorded, allMissionsLocales, today);
                if (action == null) {
                    continue;
                }
                Caller caller = (Caller) action[0];
                batches.computeIfAbsent(caller, c -> new ArrayList<>()).add((EventSubmission) action[1]);
                pending.computeIfAbsent(caller, c -> new ArrayList<>()).add(action);
            }
            for (Map.Entry<Caller, List<EventSubmission>> batch : batches.entrySet()) {
                List<EventOutcome> outcomes = write.record(batch.getKey(), batch.getValue());
                List<Object[]> actions = pending.get(batch.getKey());
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i).status() != EventOutcome.Status.ACCEPTED) {
                        continue;
                    }
                    accepted++;
                    EventSubmission.Readable submission = (EventSubmission.Readable) batch.getValue().get(i);
                    Young young = (Young) actions.get(i)[2];
                    recorded.add(new Recorded(young.pathway, outcomes.get(i).eventId(), submission.type(), batch.getKey(),
                            submission.data(), submission.occurredOn()));
                    if (submission.data() instanceof EventData.MissionLocaleSolicited solicited) {
                        young.solicited.add(solicited.missionLocaleId());
                    } else if (submission.data() instanceof EventData.PathwayTransferred transferred) {
                        young.owner = transferred.toDepartementCode();
                    }
                }
            }
        }
        assertTrue(accepted > YOUNG_PEOPLE * 5, "the stream should be mostly accepted, was " + accepted);
        IndicatorRecomputationService.Verification verification = recomputation.verify();
        assertTrue(verification.consistent(), () -> "differences: " + verification.differences().subList(0,
                Math.min(20, verification.differences().size())));
        assertTrue(verification.cells() > 0);
        Set<String> measures = new TreeSet<>();
        for (int year = today.getYear() - 5; year <= today.getYear(); year++) {
            recomputation.storedYear(year).keySet().stream().filter(key -> key.contains("|DEPARTEMENT|"))
                    .map(key -> key.split("\\|")[3]).forEach(measures::add);
        }
        for (String territorial : List.of("HANDOVER_CO_INTERVENTION", "HANDOVER_RELAY", "FRAGILITY_ASSESSED", "RIGHTS_INFORMED",
                "ELIGIBILITY_CHECKED", "TRAINING_OBLIGATION_REPORTED", "ASE_EXITS", "SOLICITED_NEVER_REACHED")) {
            assertTrue(measures.contains(territorial), () -> "the streams should exercise " + territorial + ", saw " + measures);
        }
    }

    /** A random action on one young person: {caller, submission, young person}, or null. */
    private Object[] action(Random random, Young young, List<Recorded> recorded, List<UUID> allMissionsLocales, LocalDate today) {
        LocalDate sixteen = young.birthDate.plusYears(16).plusDays(1);
        LocalDate on = sixteen.plusDays(random.nextInt((int) Math.max(1, today.toEpochDay() - sixteen.toEpochDay() + 1)));
        Caller owner = departement(young.owner);
        UUID missionLocale = young.solicited.isEmpty() || random.nextInt(5) == 0
                ? allMissionsLocales.get(random.nextInt(allMissionsLocales.size()))
                : young.solicited.get(random.nextInt(young.solicited.size()));
        Caller ml = missionLocale(missionLocale);
        List<Recorded> mine = recorded.stream().filter(event -> event.pathway().equals(young.pathway)).toList();
        int choice = random.nextInt(31);
        if (choice >= 28) {
            choice = 9;
        }
        switch (choice) {
            case 0, 1, 2:
                return submit(owner, young, EventType.MISSION_LOCALE_SOLICITED, on, new EventData.MissionLocaleSolicited(missionLocale), null);
            case 3:
                return submit(ml, young, EventType.FIRST_CONTACT, on, new EventData.FirstContact(EventData.ContactChannel.PHONE), null);
            case 4:
                return submit(ml, young, EventType.MISSION_LOCALE_REGISTERED, on, new EventData.MissionLocaleRegistered(null), null);
            case 5, 6: {
                boolean binome = random.nextInt(4) != 0;
                List<EventData.Participant> participants = binome
                        ? List.of(EventData.Participant.YOUNG_PERSON, EventData.Participant.MISSION_LOCALE_COUNSELLOR)
                        : List.of(EventData.Participant.YOUNG_PERSON, EventData.Participant.DEPARTEMENT_WORKER);
                return submit(owner, young, EventType.REVIEW_HELD, on,
                        new EventData.ReviewHeld(participants, binome ? missionLocale : null, random.nextBoolean()), null);
            }
            case 7:
                return submit(ml, young, EventType.ORIENTATION_DIAGNOSTIC_COMPLETED, on, new EventData.OrientationDiagnosticCompleted(false), null);
            case 8: {
                boolean joint = random.nextInt(3) != 0;
                return submit(owner, young, EventType.AUTONOMY_PROJECT_RECORDED, on, new EventData.AutonomyProjectRecorded(
                        random.nextBoolean() ? EventData.AutonomyProjectKind.ELABORATED : EventData.AutonomyProjectKind.UPDATED,
                        joint, joint ? missionLocale : null, List.of(EventData.AutonomyDomain.HOUSING)), null);
            }
            case 9, 10: {
                List<Recorded> joint = mine.stream().filter(event -> event.type() == EventType.REVIEW_HELD
                        || event.type() == EventType.AUTONOMY_PROJECT_RECORDED).toList();
                if (joint.isEmpty()) {
                    return null;
                }
                Recorded target = joint.get(random.nextInt(joint.size()));
                Caller side = target.data() instanceof EventData.ReviewHeld review && review.missionLocaleId() != null
                        ? missionLocale(review.missionLocaleId())
                        : target.data() instanceof EventData.AutonomyProjectRecorded project && project.missionLocaleId() != null
                                ? missionLocale(project.missionLocaleId()) : owner;
                if (random.nextInt(4) == 0) {
                    return submit(random.nextBoolean() ? side : owner, young, EventType.JOINT_STEP_DISPUTED, today,
                            new EventData.JointStepDisputed(target.id(), EventData.DisputeReason.OTHER), target.id());
                }
                return submit(side, young, EventType.JOINT_STEP_CONFIRMED, today, new EventData.JointStepConfirmed(target.id()),
                        target.id());
            }
            case 11:
                return submit(ml, young, EventType.CEJ_STARTED, on, new EventData.CejStarted(), null);
            case 12:
                return submit(ml, young, EventType.CEJ_ENDED, on, new EventData.CejEnded(pick(random, EventData.CejOutcome.values())), null);
            case 13:
                return random.nextBoolean()
                        ? submit(owner, young, EventType.ASE_SUPPORT_ENDED, on,
                                new EventData.AseSupportEnded(pick(random, EventData.AseExitReason.values())), null)
                        : submit(owner, young, EventType.ASE_SUPPORT_CHANGED, on, new EventData.AseSupportChanged(
                                EventData.Placement.A_DOMICILE, EventData.Measure.ADMINISTRATIVE, true), null);
            case 14:
                return random.nextBoolean()
                        ? submit(owner, young, EventType.CONSENT_WITHDRAWN, on, new EventData.ConsentWithdrawn(), null)
                        : submit(owner, young, EventType.CONSENT_RECORDED, on, new EventData.ConsentRecorded(), null);
            case 15:
                return random.nextBoolean()
                        ? submit(ml, young, EventType.SHARE_ENDED, on, new EventData.ShareEnded(null, EventData.ShareEndReason.OTHER), null)
                        : submit(owner, young, EventType.SHARE_ENDED, on, new EventData.ShareEnded(missionLocale,
                                EventData.ShareEndReason.HANDOVER_COMPLETED), null);
            case 16: {
                String to = DEPARTEMENTS.get(random.nextInt(DEPARTEMENTS.size()));
                return submit(owner, young, EventType.PATHWAY_TRANSFERRED, on, new EventData.PathwayTransferred(to), null);
            }
            case 22:
                return submit(ml, young, EventType.SITUATION_UPDATED, on, new EventData.SituationUpdated(pick(random, EventData.Situation.values())),
                        null);
            case 23: {
                EventData.HandoverMode mode = pick(random, EventData.HandoverMode.values());
                return random.nextBoolean()
                        ? submit(owner, young, EventType.HANDOVER_DECIDED, on, new EventData.HandoverDecided(mode, missionLocale), null)
                        : submit(ml, young, EventType.HANDOVER_DECIDED, on, new EventData.HandoverDecided(mode, null), null);
            }
            case 24: {
                List<EventData.FragilityCriterion> criteria = new ArrayList<>();
                for (EventData.FragilityCriterion criterion : EventData.FragilityCriterion.values()) {
                    if (random.nextInt(3) == 0) {
                        criteria.add(criterion);
                    }
                }
                return submit(random.nextBoolean() ? owner : ml, young, EventType.FRAGILITY_ASSESSED, on,
                        new EventData.FragilityAssessed(criteria), null);
            }
            case 25:
                return random.nextBoolean()
                        ? submit(random.nextBoolean() ? owner : ml, young, EventType.RIGHTS_INFORMATION_GIVEN, on,
                                new EventData.RightsInformationGiven(List.of(EventData.RightsTopic.HOUSING)), null)
                        : submit(random.nextBoolean() ? owner : ml, young, EventType.ELIGIBILITY_CHECKED, on,
                                new EventData.EligibilityChecked(List.of(new EventData.SchemeEligibility(EventData.Scheme.CEJ, true))), null);
            case 26:
                return submit(ml, young, EventType.TRAINING_OBLIGATION_REPORTED, on,
                        new EventData.TrainingObligationReported(EventData.TrainingObligationReason.DROPPED_OUT), null);
            case 27:
                return submit(owner, young, EventType.ASE_SUPPORT_STARTED, on, new EventData.AseSupportStarted(
                        EventData.Placement.ACCUEILLI, EventData.Measure.ADMINISTRATIVE, true), null);
            case 17, 18: {
                List<Recorded> retractable = mine.stream().filter(event -> event.type() != EventType.PATHWAY_TRANSFERRED
                        && event.type() != EventType.EVENT_RETRACTED && event.type() != EventType.EVENT_CORRECTED).toList();
                if (retractable.isEmpty()) {
                    return null;
                }
                Recorded target = retractable.get(random.nextInt(retractable.size()));
                return submit(target.recorder(), young, EventType.EVENT_RETRACTED, today,
                        new EventData.EventRetracted(target.id(), EventData.RetractionReason.RECORDED_BY_MISTAKE), target.id());
            }
            default: {
                List<Recorded> correctable = mine.stream().filter(event -> event.data() != null && event.type() != EventType.PATHWAY_TRANSFERRED
                        && event.type() != EventType.EVENT_RETRACTED && event.type() != EventType.EVENT_CORRECTED
                        && event.type() != EventType.JOINT_STEP_CONFIRMED && event.type() != EventType.JOINT_STEP_DISPUTED).toList();
                if (correctable.isEmpty()) {
                    return null;
                }
                Recorded target = correctable.get(random.nextInt(correctable.size()));
                Young who = young;
                EventSubmission.Readable correction = new EventSubmission.Readable("urn:test:property", UUID.randomUUID().toString(),
                        EventType.EVENT_CORRECTED, new EventSubmission.PathwayReference(who.pathway, null), on, null, null,
                        target.id(), mapper.valueToTree(target.data()), null, false, null);
                return new Object[] {target.recorder(), correction, who};
            }
        }
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static Object[] submit(Caller caller, Young young, EventType type, LocalDate on, EventData.Payload data, UUID target) {
        return new Object[] {caller, new EventSubmission.Readable("urn:test:property", UUID.randomUUID().toString(), type,
                new EventSubmission.PathwayReference(young.pathway, null), on, null, data, target, null, null, false, null), young};
    }

    private static Caller departement(String code) {
        return new Caller("property-test", Role.DEPARTEMENT, code);
    }

    private static Caller missionLocale(UUID id) {
        return new Caller("property-test", Role.MISSION_LOCALE, id.toString());
    }
}
