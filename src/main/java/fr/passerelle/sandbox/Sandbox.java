package fr.passerelle.sandbox;

import fr.passerelle.partner.MissionLocaleRequest;
import fr.passerelle.partner.MissionLocaleService;
import fr.passerelle.partner.MissionLocaleView;
import fr.passerelle.pathway.EventData;
import fr.passerelle.pathway.EventSubmission;
import fr.passerelle.pathway.EventType;
import fr.passerelle.pathway.PathwayQueryService;
import fr.passerelle.pathway.PathwayWriteService;
import fr.passerelle.pathway.YoungPerson;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Dev mode (and tests) only: a sandbox of fictitious data, written through the same services as
 * real calls, so that a newcomer has something to look at and a vendor something to run the
 * conformance scenario against. Every event has a fixed source id: a restart pushes them again and
 * gets duplicates, nothing new. Dev mode seeds it at start-up; tests seed it when they need it.
 */
@IfBuildProfile(anyOf = {"dev", "test"})
@ApplicationScoped
public class Sandbox {

    private static final Logger LOG = Logger.getLogger(Sandbox.class);
    private static final String SOURCE = "urn:passerelle:sandbox";
    private static final List<String> DEPARTEMENTS = List.of("33", "59", "69M");
    private static final List<String> FIRST_NAMES = List.of("Alex", "Sam", "Camille", "Noa", "Lou", "Eden");
    private static final List<String> LAST_NAMES = List.of("Exemple", "Fictif", "Démo", "Essai", "Modèle", "Prototype");

    private final MissionLocaleService missionsLocales;
    private final PathwayWriteService pathways;
    private final PathwayQueryService queries;
    private final Clock clock;

    public Sandbox(MissionLocaleService missionsLocales, PathwayWriteService pathways, PathwayQueryService queries, Clock clock) {
        this.missionsLocales = missionsLocales;
        this.pathways = pathways;
        this.queries = queries;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent started) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            seed();
            LOG.info("Sandbox ready: collectivities 33, 59 and 69M, one fictitious Mission Locale each, two young people each. "
                    + "Tokens: curl 'localhost:8080/dev/tokens?role=departement&org=33'");
        }
    }

    /** Writes the sandbox, or finds it already there; returns the sandbox Mission Locale of each collectivity. */
    public Map<String, UUID> seed() {
        Map<String, UUID> missionLocales = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris")));
        for (int d = 0; d < DEPARTEMENTS.size(); d++) {
            String departement = DEPARTEMENTS.get(d);
            UUID missionLocale = missionLocale(departement, d);
            seedPathways(departement, missionLocale, today);
            missionLocales.put(departement, missionLocale);
        }
        return missionLocales;
    }

    private UUID missionLocale(String departement, int index) {
        String name = "Mission Locale sandbox " + departement + " (fictive)";
        List<MissionLocaleView> existing = missionsLocales.list(new MissionLocaleService.Filter(departement, null, null, null, name), null, 1)
                .items();
        if (!existing.isEmpty()) {
            return existing.get(0).id();
        }
        try {
            return missionsLocales.create(new MissionLocaleRequest(name, siret(index), departement, "ARML sandbox", true)).value().id();
        } catch (ApiException conflict) {
            throw new IllegalStateException("The sandbox SIRET is taken by another Mission Locale in the dev database", conflict);
        }
    }

    private void seedPathways(String departement, UUID missionLocale, LocalDate today) {
        Caller departementCaller = new Caller("sandbox", Role.DEPARTEMENT, departement);
        Caller missionLocaleCaller = new Caller("sandbox", Role.MISSION_LOCALE, missionLocale.toString());
        List<EventSubmission> byDepartement = new ArrayList<>();
        List<EventSubmission> byMissionLocale = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int n = DEPARTEMENTS.indexOf(departement) * 2 + i;
            String reference = "SANDBOX-" + departement + "-" + (i + 1);
            LocalDate birth = today.minusYears(17 + n % 4).minusDays(40L * n + 11);
            YoungPerson person = new YoungPerson(FIRST_NAMES.get(n), LAST_NAMES.get(n), birth, null, null, null);
            byDepartement.add(event(reference, "start", EventType.ASE_SUPPORT_STARTED, birth.plusYears(13),
                    new EventData.AseSupportStarted(EventData.Placement.ACCUEILLI, EventData.Measure.JUDICIAL, false), person));
            byDepartement.add(event(reference, "consent", EventType.CONSENT_RECORDED, today.minusDays(30), new EventData.ConsentRecorded(), null));
            byDepartement.add(event(reference, "solicit", EventType.MISSION_LOCALE_SOLICITED, today.minusDays(28),
                    new EventData.MissionLocaleSolicited(missionLocale), null));
            if (i == 0) {
                byDepartement.add(event(reference, "review", EventType.REVIEW_HELD, today.minusDays(10),
                        new EventData.ReviewHeld(List.of(EventData.Participant.YOUNG_PERSON, EventData.Participant.DEPARTEMENT_WORKER,
                                EventData.Participant.MISSION_LOCALE_COUNSELLOR), missionLocale, false), null));
            }
        }
        pathways.record(departementCaller, byDepartement);
        for (int i = 0; i < 2; i++) {
            String reference = "SANDBOX-" + departement + "-" + (i + 1);
            UUID pathway = pathwayOf(departementCaller, reference);
            byMissionLocale.add(about(pathway, reference, "contact", EventType.FIRST_CONTACT, today.minusDays(20),
                    new EventData.FirstContact(EventData.ContactChannel.IN_PERSON)));
            if (i == 0) {
                byMissionLocale.add(about(pathway, reference, "registration", EventType.MISSION_LOCALE_REGISTERED, today.minusDays(15),
                        new EventData.MissionLocaleRegistered(null)));
                byMissionLocale.add(about(pathway, reference, "cej", EventType.CEJ_PROPOSED, today.minusDays(5),
                        new EventData.CejProposed(EventData.CejDecision.PENDING, null)));
            }
        }
        pathways.record(missionLocaleCaller, byMissionLocale);
    }

    private UUID pathwayOf(Caller departement, String reference) {
        return queries.list(departement, new PathwayQueryService.Filter(null, null, null, null, null, List.of(), reference, null), null, 1)
                .items().get(0).id();
    }

    private static EventSubmission event(String reference, String step, EventType type, LocalDate on, EventData.Payload data,
            YoungPerson person) {
        return new EventSubmission.Readable(SOURCE, reference + ":" + step, type, new EventSubmission.PathwayReference(null, reference),
                on, null, data, null, null, person, false, null);
    }

    private static EventSubmission about(UUID pathway, String reference, String step, EventType type, LocalDate on,
            EventData.Payload data) {
        return new EventSubmission.Readable(SOURCE, reference + ":" + step, type, new EventSubmission.PathwayReference(pathway, null), on,
                null, data, null, null, null, false, null);
    }

    /** A fictitious SIRET with a valid check digit. */
    private static String siret(int index) {
        String base = "9990000000" + String.format("%03d", index);
        for (int check = 0; check < 10; check++) {
            String candidate = base + check;
            int sum = 0;
            for (int i = 0; i < 14; i++) {
                int digit = candidate.charAt(13 - i) - '0';
                sum += i % 2 == 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
            }
            if (sum % 10 == 0) {
                return candidate;
            }
        }
        throw new IllegalStateException("no check digit");
    }
}
