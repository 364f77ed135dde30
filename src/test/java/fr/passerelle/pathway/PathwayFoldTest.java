package fr.passerelle.pathway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.passerelle.platform.security.OrganisationKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fold kept up to date event by event, as a batch is checked, gives the state of folding all
 * the events again, whatever comes: steps in order, late steps, corrections, retractions,
 * confirmations of joint steps, withdrawals of consent. Random streams with fixed seeds.
 */
class PathwayFoldTest {

    private static final UUID PATHWAY = UUID.randomUUID();
    private static final String DEPARTEMENT = "35";
    private static final List<UUID> MISSIONS_LOCALES = List.of(UUID.randomUUID(), UUID.randomUUID());
    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 2024L, 31_415L, 99_991L})
    void theIncrementalFoldEqualsAFoldOfEveryEvent(long seed) {
        Random random = new Random(seed);
        List<StoredEvent> events = new ArrayList<>();
        events.add(event(1, EventType.PATHWAY_OPENED, START.plusDays(400), OrganisationKind.DEPARTEMENT, DEPARTEMENT, null,
                new EventData.PathwayOpened()));
        PathwayFold.Folding folding = new PathwayFold.Folding(events);
        for (int seq = 2; seq < 120; seq++) {
            StoredEvent next = randomEvent(random, seq, events);
            events.add(next);
            folding.append(next);
            if (random.nextInt(3) > 0) {
                assertEquals(PathwayFold.fold(events), folding.state(), "after " + next.type() + " #" + seq);
            }
        }
        assertEquals(PathwayFold.fold(events), folding.state());
    }

    private static StoredEvent randomEvent(Random random, long seq, List<StoredEvent> before) {
        // Mostly in date order, sometimes late.
        LocalDate on = START.plusDays(seq * 5L - (random.nextInt(6) == 0 ? random.nextInt(300) : 0));
        UUID missionLocale = MISSIONS_LOCALES.get(random.nextInt(MISSIONS_LOCALES.size()));
        List<StoredEvent> reviews = before.stream().filter(event -> event.type() == EventType.REVIEW_HELD).toList();
        List<StoredEvent> solicitations = before.stream().filter(event -> event.type() == EventType.MISSION_LOCALE_SOLICITED).toList();
        return switch (random.nextInt(12)) {
            case 0, 1 -> event(seq, EventType.MISSION_LOCALE_SOLICITED, on, OrganisationKind.DEPARTEMENT, DEPARTEMENT, null,
                    new EventData.MissionLocaleSolicited(missionLocale));
            case 2 -> event(seq, EventType.FIRST_CONTACT, on, OrganisationKind.MISSION_LOCALE, missionLocale.toString(), null,
                    new EventData.FirstContact(EventData.ContactChannel.PHONE));
            case 3 -> event(seq, EventType.CONSENT_RECORDED, on, OrganisationKind.DEPARTEMENT, DEPARTEMENT, null,
                    new EventData.ConsentRecorded());
            case 4 -> event(seq, EventType.CONSENT_WITHDRAWN, on, OrganisationKind.DEPARTEMENT, DEPARTEMENT, null,
                    new EventData.ConsentWithdrawn());
            case 5 -> event(seq, EventType.CEJ_STARTED, on, OrganisationKind.MISSION_LOCALE, missionLocale.toString(), null,
                    new EventData.CejStarted());
            case 6 -> event(seq, EventType.CEJ_ENDED, on, OrganisationKind.MISSION_LOCALE, missionLocale.toString(), null,
                    new EventData.CejEnded(EventData.CejOutcome.TRAINING));
            case 7 -> event(seq, EventType.REVIEW_HELD, on, OrganisationKind.DEPARTEMENT, DEPARTEMENT, null,
                    new EventData.ReviewHeld(List.of(EventData.Participant.YOUNG_PERSON, EventData.Participant.MISSION_LOCALE_COUNSELLOR),
                            missionLocale, random.nextBoolean()));
            case 8 -> reviews.isEmpty() ? rights(seq, on) : event(seq, EventType.JOINT_STEP_CONFIRMED, on,
                    OrganisationKind.MISSION_LOCALE, missionLocale.toString(), null,
                    new EventData.JointStepConfirmed(reviews.get(random.nextInt(reviews.size())).id()));
            case 9 -> {
                if (solicitations.isEmpty()) {
                    yield rights(seq, on);
                }
                StoredEvent target = solicitations.get(random.nextInt(solicitations.size()));
                yield event(seq, EventType.EVENT_RETRACTED, on, OrganisationKind.DEPARTEMENT, DEPARTEMENT, target.id(),
                        new EventData.EventRetracted(target.id(), EventData.RetractionReason.RECORDED_BY_MISTAKE));
            }
            case 10 -> {
                if (solicitations.isEmpty()) {
                    yield rights(seq, on);
                }
                StoredEvent target = solicitations.get(random.nextInt(solicitations.size()));
                // A correction carries the corrected event's data, here another date and Mission Locale.
                yield event(seq, EventType.EVENT_CORRECTED, on.minusDays(random.nextInt(200)), OrganisationKind.DEPARTEMENT,
                        DEPARTEMENT, target.id(), new EventData.MissionLocaleSolicited(missionLocale));
            }
            default -> rights(seq, on);
        };
    }

    private static StoredEvent rights(long seq, LocalDate on) {
        return event(seq, EventType.RIGHTS_INFORMATION_GIVEN, on, OrganisationKind.DEPARTEMENT, DEPARTEMENT, null,
                new EventData.RightsInformationGiven(List.of(EventData.RightsTopic.HOUSING)));
    }

    private static StoredEvent event(long seq, EventType type, LocalDate on, OrganisationKind kind, String recorder, UUID target,
            EventData.Payload data) {
        return new StoredEvent(UUID.randomUUID(), seq, PATHWAY, type, on, Instant.parse("2026-01-01T00:00:00Z"), kind, recorder,
                target, data);
    }
}
