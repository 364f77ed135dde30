package fr.passerelle.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.passerelle.audit.AuditService;
import fr.passerelle.conformance.ConformanceScenario.Actor;
import fr.passerelle.conformance.ConformanceScenario.Expected;
import fr.passerelle.conformance.ConformanceScenario.Outcome;
import fr.passerelle.conformance.ConformanceScenario.Step;
import fr.passerelle.partner.DepartementService;
import fr.passerelle.partner.MissionLocaleService;
import fr.passerelle.partner.MissionLocaleView;
import fr.passerelle.pathway.PathwayConformanceService;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Vendor conformance: the published scenario a vendor runs against the sandbox, and the report of
 * which event types an organisation pushed successfully lately.
 */
@ApplicationScoped
public class ConformanceService {

    static final Duration REPORT_PERIOD = Duration.ofDays(30);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String SINGLE = "application/cloudevents+json";
    private static final String BATCH = "application/cloudevents-batch+json";
    private static final String PATHWAY = "${pathwayId}";

    private final DepartementService departements;
    private final MissionLocaleService missionsLocales;
    private final PathwayConformanceService events;
    private final AuditService audit;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ConformanceService(DepartementService departements, MissionLocaleService missionsLocales, PathwayConformanceService events,
            AuditService audit, ObjectMapper mapper, Clock clock) {
        this.departements = departements;
        this.missionsLocales = missionsLocales;
        this.events = events;
        this.audit = audit;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * A fresh scenario for a collectivity and one of its partner Missions Locales. A département
     * defaults to itself, a Mission Locale to itself and its collectivity.
     */
    public ConformanceScenario scenario(Caller caller, String departementCode, UUID missionLocaleId) {
        String departement = departementCode;
        UUID missionLocale = missionLocaleId;
        if (caller.is(Role.MISSION_LOCALE)) {
            missionLocale = missionLocale == null ? UUID.fromString(caller.organisationId()) : missionLocale;
            if (departement == null) {
                departement = missionsLocales.get(missionLocale).map(view -> view.value().departementCode()).orElse(null);
            }
        } else if (caller.is(Role.DEPARTEMENT) && departement == null) {
            departement = caller.organisationId();
        }
        if (departement == null || !departements.isActive(departement)) {
            throw ApiException.invalid("/departement", "required: an active collectivity");
        }
        if (missionLocale == null || missionsLocales.activeAmong(Set.of(missionLocale)).isEmpty()) {
            throw ApiException.invalid("/missionLocaleId", "required: an active Mission Locale");
        }
        return new Builder(departement, missionLocale, LocalDate.now(clock.withZone(PARIS))).build();
    }

    /** The report of an organisation: the caller's own, or any for the platform operator. Its reading is audited. */
    @Transactional
    public ConformanceReport report(Caller caller, String organisationId) {
        Role role;
        String organisation;
        if (caller.is(Role.ADMIN)) {
            if (organisationId == null) {
                throw ApiException.invalid("/organisation", "required: a collectivity code or a Mission Locale id");
            }
            organisation = organisationId;
            role = missionLocaleId(organisationId) != null ? Role.MISSION_LOCALE : Role.DEPARTEMENT;
            boolean known = role == Role.MISSION_LOCALE ? missionsLocales.get(missionLocaleId(organisationId)).isPresent()
                    : departements.get(organisationId).isPresent();
            if (!known) {
                throw ApiException.notFound("No collectivity or Mission Locale " + organisationId + ".");
            }
        } else {
            if (organisationId != null && !organisationId.equals(caller.organisationId())) {
                throw ApiException.notFound("No report of " + organisationId + " for this caller.");
            }
            organisation = caller.organisationId();
            role = caller.role();
        }
        Instant to = clock.instant();
        Instant from = to.minus(REPORT_PERIOD);
        List<ConformanceReport.TypeLine> lines = events.typesPushedSince(role, organisation, from).stream()
                .map(use -> new ConformanceReport.TypeLine(use.cloudEventType(), use.accepted(), use.lastAcceptedAt(), use.rejected()))
                .toList();
        audit.record(caller, AuditService.Operation.READ, List.of());
        return new ConformanceReport(organisation, role.claim(), from, to, (int) lines.stream().filter(line -> line.accepted() > 0).count(),
                lines);
    }

    private static UUID missionLocaleId(String organisationId) {
        try {
            return UUID.fromString(organisationId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Builds the steps; dates count back from today so that every age and date rule holds on the day it is generated. */
    private final class Builder {
        private final String departement;
        private final UUID missionLocale;
        private final LocalDate today;
        private final String run = UUID.randomUUID().toString().substring(0, 8);
        private final String source;
        private final LocalDate birthDate;
        private final List<Step> steps = new ArrayList<>();

        Builder(String departement, UUID missionLocale, LocalDate today) {
            this.departement = departement;
            this.missionLocale = missionLocale;
            this.today = today;
            this.source = "urn:passerelle:conformance:" + run;
            this.birthDate = today.minusYears(17).minusMonths(3);
        }

        ConformanceScenario build() {
            ObjectNode registration = registration("CONF-" + run + "-1", "Essai-" + run, birthDate);
            step(Actor.DEPARTEMENT, "register", "The first event about a case reference registers the young person it carries.",
                    List.of(registration), "pathwayId", 201, accepted());
            step(Actor.DEPARTEMENT, "push-again", "The same source and id again stores nothing and answers DUPLICATE.",
                    List.of(registration.deepCopy()), null, 200, List.of(new Outcome("DUPLICATE", null)));
            step(Actor.DEPARTEMENT, "batch-steps", "A batch is checked event by event, in order: consent, solicitation of the "
                    + "Mission Locale, rights information.", List.of(
                            about("consent.recorded.v1", today.minusDays(10), Map.of()),
                            about("mission-locale.solicited.v1", today.minusDays(9), Map.of("missionLocaleId", missionLocale.toString())),
                            about("rights.information-given.v1", today.minusDays(8), Map.of("topics", List.of("HOUSING")))),
                    null, 200, List.of(new Outcome("ACCEPTED", null), new Outcome("ACCEPTED", null), new Outcome("ACCEPTED", null)));
            step(Actor.DEPARTEMENT, "batch-partly-invalid", "Valid events of a batch are stored even when others are refused: a step "
                    + "dated in the future and an unknown type are refused with a problem each.", List.of(
                            about("fragility.assessed.v1", today.minusDays(7), Map.of("criteria", List.of())),
                            about("rights.information-given.v1", today.plusDays(2), Map.of("topics", List.of("HEALTH"))),
                            about("unknown.event.v1", today.minusDays(7), Map.of())),
                    null, 200, List.of(new Outcome("ACCEPTED", null), rejected(ProblemType.VALIDATION_FAILED),
                            rejected(ProblemType.VALIDATION_FAILED)));
            List<ObjectNode> validated = List.of(
                    about("rights.information-given.v1", today.minusDays(6), Map.of("topics", List.of("RESOURCES"))),
                    about("rights.information-given.v1", today.plusDays(2), Map.of("topics", List.of("RESOURCES"))));
            steps.add(new Step(steps.size() + 1, "dry-run", "A dry run answers what a push would get and stores nothing: the same "
                    + "step pushed for real afterwards is accepted, not a duplicate.", Actor.DEPARTEMENT, BATCH, true, List.copyOf(validated),
                    null, new Expected(200, List.of(new Outcome("ACCEPTED", null), rejected(ProblemType.VALIDATION_FAILED)))));
            step(Actor.DEPARTEMENT, "after-dry-run", "The event validated by the dry run, pushed for real, is stored.",
                    List.of(validated.get(0).deepCopy()), null, 201, accepted());
            step(Actor.DEPARTEMENT, "not-a-departement-step", "A département may not record a Mission Locale's step.",
                    List.of(about("mission-locale.first-contact.v1", today.minusDays(5), Map.of("channel", "PHONE"))), null, 403,
                    List.of(rejected(ProblemType.FORBIDDEN)));
            step(Actor.DEPARTEMENT, "likely-duplicate", "The same names and birth date under another case reference are refused as a "
                    + "likely duplicate.", List.of(registration("CONF-" + run + "-2", "Essai-" + run, birthDate)), null, 409,
                    List.of(rejected(ProblemType.LIKELY_DUPLICATE)));
            step(Actor.DEPARTEMENT, "too-young", "A young person under 16 on the day of registration is refused.",
                    List.of(registration("CONF-" + run + "-3", "Jeune-" + run, today.minusYears(15))), null, 422,
                    List.of(rejected(ProblemType.VALIDATION_FAILED)));
            ObjectNode unknownCase = event("rights.information-given.v1", today.minusDays(5), Map.of("topics", List.of("HOUSING")));
            unknownCase.put("casereference", "CONF-" + run + "-unknown");
            step(Actor.DEPARTEMENT, "unknown-case", "An event about an unknown case reference that does not register anyone is "
                    + "refused.", List.of(unknownCase), null, 404, List.of(rejected(ProblemType.NOT_FOUND)));
            step(Actor.MISSION_LOCALE, "first-contact", "The solicited Mission Locale records its first contact on the shared pathway.",
                    List.of(about("mission-locale.first-contact.v1", today.minusDays(5), Map.of("channel", "PHONE"))), null, 201,
                    accepted());
            step(Actor.MISSION_LOCALE, "mission-locale-batch", "Registration and orientation diagnostic, in one batch.", List.of(
                    about("mission-locale.registered.v1", today.minusDays(4), Map.of()),
                    about("orientation-diagnostic.completed.v1", today.minusDays(3), Map.of("duringReview", false))),
                    null, 200, List.of(new Outcome("ACCEPTED", null), new Outcome("ACCEPTED", null)));
            step(Actor.MISSION_LOCALE, "not-a-mission-locale-step", "A Mission Locale may not record the end of ASE support.",
                    List.of(about("ase.support-ended.v1", today.minusDays(2), Map.of("exitReason", "MAJORITY"))), null, 403,
                    List.of(rejected(ProblemType.FORBIDDEN)));
            ObjectNode notShared = event("mission-locale.first-contact.v1", today.minusDays(2), Map.of("channel", "PHONE"));
            notShared.put("pathwayid", UUID.randomUUID().toString());
            step(Actor.MISSION_LOCALE, "not-shared", "A pathway that is not shared with the Mission Locale does not exist for it.",
                    List.of(notShared), null, 404, List.of(rejected(ProblemType.NOT_FOUND)));
            return new ConformanceScenario(run, today, departement, missionLocale, List.copyOf(steps));
        }

        /** One event is pushed alone, several as a batch. */
        private void step(Actor actor, String name, String description, List<? extends JsonNode> events, String capture, int status,
                List<Outcome> outcomes) {
            String contentType = events.size() == 1 ? SINGLE : BATCH;
            steps.add(new Step(steps.size() + 1, name, description, actor, contentType, false, List.copyOf(events), capture,
                    new Expected(status, outcomes)));
        }

        private ObjectNode registration(String caseReference, String lastName, LocalDate born) {
            ObjectNode event = event("ase.support-started.v1", born.plusYears(12), Map.of("placement", "ACCUEILLI", "measure", "JUDICIAL",
                    "youngAdultContract", false, "youngPerson", Map.of("firstName", "Conformité", "lastName", lastName,
                            "birthDate", born.toString())));
            event.put("casereference", caseReference);
            return event;
        }

        private ObjectNode about(String type, LocalDate on, Map<String, ?> data) {
            ObjectNode event = event(type, on, data);
            event.put("pathwayid", PATHWAY);
            return event;
        }

        private ObjectNode event(String type, LocalDate on, Map<String, ?> data) {
            ObjectNode event = mapper.createObjectNode();
            event.put("specversion", "1.0");
            event.put("id", run + "-" + (steps.size() + 1) + "-" + UUID.randomUUID());
            event.put("source", source);
            event.put("type", "fr.passerelle." + type);
            event.put("time", on.atTime(12, 0).atZone(PARIS).toOffsetDateTime().toString());
            event.set("data", mapper.valueToTree(data));
            return event;
        }

        private List<Outcome> accepted() {
            return List.of(new Outcome("ACCEPTED", null));
        }

        private Outcome rejected(ProblemType type) {
            return new Outcome("REJECTED", type.uri());
        }
    }
}
