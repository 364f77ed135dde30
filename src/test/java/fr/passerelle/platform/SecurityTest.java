package fr.passerelle.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.passerelle.support.CloudEvents;
import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Sirets;
import fr.passerelle.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what. Every operation of the committed contract refuses every kind of bad token
 * (401 when the token cannot be trusted, 403 when it is genuine but its role and organisation do not
 * fit); answers exactly 403 to every role its row in {@link #MATRIX} does not allow, and never 401 or
 * 403 to the roles it allows; and, for a resource an organisation owns, answers another organisation
 * with the right role exactly 404, as if it did not exist. Operations are read from
 * openapi/openapi.yaml: a new endpoint is covered as soon as it is in the contract, and fails until
 * it has its row. Then id walking and mass assignment.
 */
@QuarkusTest
class SecurityTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String DEPARTEMENT = "departement";
    private static final String MISSION_LOCALE = "mission-locale";
    private static final String REGIONAL_ASSOCIATION = "regional-association";
    private static final String REPORTING = "reporting";
    private static final String ADMIN = "admin";
    private static final String DPO = "dpo";
    private static final List<String> ROLES = List.of(DEPARTEMENT, MISSION_LOCALE, REGIONAL_ASSOCIATION, REPORTING, ADMIN, DPO);
    private static final Set<String> EVERY_ROLE = Set.copyOf(ROLES);

    /** How an operation's data belongs to organisations. */
    enum Scope {
        /** The directory and the platform's own operations: no organisation owns what they touch. */
        PLATFORM,
        /** The caller's own: what it creates, or the list of what it may see. */
        CALLERS_OWN,
        /** A resource named by id that one organisation owns or is party to: any other gets 404, as if it did not exist. */
        OWNED
    }

    /** The roles an operation allows, and whether what it names belongs to an organisation. */
    record Access(Set<String> roles, Scope scope) {
    }

    /** One row per operation of the contract; an operation without a row fails the build. */
    static final Map<String, Access> MATRIX = Map.ofEntries(
            row("listDepartements", Scope.PLATFORM, EVERY_ROLE),
            row("getDepartement", Scope.PLATFORM, EVERY_ROLE),
            row("listMissionsLocales", Scope.PLATFORM, EVERY_ROLE),
            row("getMissionLocale", Scope.PLATFORM, EVERY_ROLE),
            row("createMissionLocale", Scope.PLATFORM, Set.of(ADMIN)),
            row("replaceMissionLocale", Scope.PLATFORM, Set.of(ADMIN)),
            row("importMissionsLocales", Scope.PLATFORM, Set.of(ADMIN)),
            row("listConventions", Scope.CALLERS_OWN, Set.of(ADMIN, DEPARTEMENT, MISSION_LOCALE)),
            row("getConvention", Scope.OWNED, Set.of(ADMIN, DEPARTEMENT, MISSION_LOCALE)),
            row("createConvention", Scope.PLATFORM, Set.of(ADMIN)),
            row("replaceConvention", Scope.PLATFORM, Set.of(ADMIN)),
            row("registerYoungPerson", Scope.CALLERS_OWN, Set.of(DEPARTEMENT)),
            row("listPathways", Scope.CALLERS_OWN, Set.of(DEPARTEMENT)),
            row("getPathway", Scope.OWNED, Set.of(DEPARTEMENT)),
            row("getPathwayTimeline", Scope.OWNED, Set.of(DEPARTEMENT)),
            row("getPathwayEvent", Scope.OWNED, Set.of(DEPARTEMENT)),
            row("exportPersonalData", Scope.OWNED, Set.of(DEPARTEMENT)),
            row("rectifyIdentity", Scope.OWNED, Set.of(DEPARTEMENT)),
            row("erasePersonalData", Scope.OWNED, Set.of(DEPARTEMENT)),
            row("runRetention", Scope.PLATFORM, Set.of(ADMIN)),
            row("changeAseSupport", Scope.OWNED, Set.of(DEPARTEMENT)),
            row("endAseSupport", Scope.OWNED, Set.of(DEPARTEMENT)),
            row("solicitMissionLocale", Scope.OWNED, Set.of(DEPARTEMENT)),
            row("recordReview", Scope.OWNED, Set.of(DEPARTEMENT)),
            row("recordAutonomyProject", Scope.OWNED, Set.of(DEPARTEMENT)),
            row("transferPathway", Scope.OWNED, Set.of(DEPARTEMENT)),
            row("recordFirstContact", Scope.OWNED, Set.of(MISSION_LOCALE)),
            row("recordMissionLocaleRegistration", Scope.OWNED, Set.of(MISSION_LOCALE)),
            row("linkMissionLocaleReference", Scope.OWNED, Set.of(MISSION_LOCALE)),
            row("recordOrientationDiagnostic", Scope.OWNED, Set.of(MISSION_LOCALE)),
            row("recordCejEntry", Scope.OWNED, Set.of(MISSION_LOCALE)),
            row("recordCejExit", Scope.OWNED, Set.of(MISSION_LOCALE)),
            row("reportTrainingObligation", Scope.OWNED, Set.of(MISSION_LOCALE)),
            row("recordSituation", Scope.OWNED, Set.of(MISSION_LOCALE)),
            row("recordHandoverDecision", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("recordCejProposal", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("recordRightsInformation", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("recordEligibilityCheck", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("recordFragilityAssessment", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("recordConsent", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("withdrawConsent", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("endShare", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("correctEvent", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("retractEvent", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("confirmJointStep", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("disputeJointStep", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("pushEvent", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("pushEventBatch", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("listEventTypes", Scope.PLATFORM, EVERY_ROLE),
            row("listRejectedEvents", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("readFeed", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("listSharedPathways", Scope.CALLERS_OWN, Set.of(MISSION_LOCALE)),
            row("getSharedPathway", Scope.OWNED, Set.of(MISSION_LOCALE)),
            row("getSharedPathwayTimeline", Scope.OWNED, Set.of(MISSION_LOCALE)),
            row("searchAuditRecords", Scope.PLATFORM, Set.of(DPO)),
            row("registerWebhook", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("listWebhooks", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, MISSION_LOCALE, ADMIN)),
            row("getWebhook", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE, ADMIN)),
            row("approveWebhook", Scope.PLATFORM, Set.of(ADMIN)),
            row("disableWebhook", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE, ADMIN)),
            row("listWebhookDeliveries", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE, ADMIN)),
            row("redeliverWebhookDelivery", Scope.OWNED, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("getIndicators", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, MISSION_LOCALE, REPORTING, ADMIN)),
            row("getIndicatorSeries", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, MISSION_LOCALE, REPORTING, ADMIN)),
            row("listReportVersions", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, REPORTING, ADMIN)),
            row("freezeReport", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, ADMIN)),
            row("getReportVersion", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, REPORTING, ADMIN)),
            row("previewReport", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, ADMIN)),
            row("compareDepartements", Scope.PLATFORM, Set.of(REPORTING, ADMIN)),
            row("getProgressReview", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, REPORTING, ADMIN)),
            row("searchOffers", Scope.PLATFORM, EVERY_ROLE),
            row("exportOffers", Scope.PLATFORM, EVERY_ROLE),
            row("getOffer", Scope.PLATFORM, EVERY_ROLE),
            row("createOffer", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            // Every partner reads an offer: another organisation gets 403 on writing it, not 404 (OfferTest).
            row("replaceOffer", Scope.PLATFORM, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("deleteOffer", Scope.PLATFORM, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("importOffers", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, MISSION_LOCALE)),
            row("getConformanceScenario", Scope.PLATFORM, Set.of(DEPARTEMENT, MISSION_LOCALE, ADMIN)),
            row("getConformanceReport", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, MISSION_LOCALE, ADMIN)),
            row("exportObservationData", Scope.CALLERS_OWN, Set.of(REPORTING)),
            row("listRegionalAssociations", Scope.PLATFORM, EVERY_ROLE),
            row("getRegionalAssociation", Scope.PLATFORM, EVERY_ROLE),
            row("createRegionalAssociation", Scope.PLATFORM, Set.of(ADMIN)),
            row("replaceRegionalAssociation", Scope.PLATFORM, Set.of(ADMIN)),
            // A published sheet is read by every partner, a draft by its author and the operator only (PracticeTest).
            row("searchPractices", Scope.PLATFORM, EVERY_ROLE),
            row("getPractice", Scope.PLATFORM, EVERY_ROLE),
            row("listPracticeVersions", Scope.PLATFORM, EVERY_ROLE),
            row("createPractice", Scope.CALLERS_OWN, Set.of(DEPARTEMENT, MISSION_LOCALE, REGIONAL_ASSOCIATION)),
            row("revisePractice", Scope.PLATFORM, Set.of(DEPARTEMENT, MISSION_LOCALE, REGIONAL_ASSOCIATION)),
            row("publishPractice", Scope.PLATFORM, Set.of(ADMIN)),
            row("archivePractice", Scope.PLATFORM, Set.of(ADMIN)));

    private static Map.Entry<String, Access> row(String operationId, Scope scope, Set<String> roles) {
        return Map.entry(operationId, new Access(roles, scope));
    }

    /**
     * A request the owner could send to each owned operation that takes a body, so that what another
     * organisation gets is the answer about the resource, not a validation error about the body.
     */
    static Object validBody(String operationId, World world) {
        String missionLocale = world.missionLocale.toString();
        return switch (operationId) {
            case "changeAseSupport" -> step(Map.of("placement", "ACCUEILLI", "measure", "JUDICIAL", "youngAdultContract", false));
            case "endAseSupport" -> step(Map.of("exitReason", "MAJORITY"));
            case "solicitMissionLocale", "correctEvent" -> step(Map.of("missionLocaleId", missionLocale));
            case "recordReview" -> step(Map.of("participants", List.of("YOUNG_PERSON"), "renewal", false));
            case "recordAutonomyProject" -> step(Map.of("kind", "ELABORATED", "joint", false, "domains", List.of("HOUSING")));
            case "transferPathway" -> step(Map.of("toDepartementCode", World.OTHER_DEPARTEMENT));
            case "recordFirstContact" -> step(Map.of("channel", "PHONE"));
            case "linkMissionLocaleReference" -> step(Map.of("missionLocaleReference", "REF-1"));
            case "recordOrientationDiagnostic" -> step(Map.of("duringReview", false));
            case "recordCejExit" -> step(Map.of("outcome", "EMPLOYMENT"));
            case "reportTrainingObligation" -> step(Map.of("reason", "OTHER"));
            case "recordSituation" -> step(Map.of("situation", "IN_EMPLOYMENT"));
            case "recordHandoverDecision" -> step(Map.of("mode", "RELAY", "missionLocaleId", missionLocale));
            case "recordCejProposal" -> step(Map.of("decision", "PENDING"));
            case "recordRightsInformation" -> step(Map.of("topics", List.of("HOUSING")));
            case "recordEligibilityCheck" -> step(Map.of("schemes", List.of(Map.of("scheme", "CEJ", "eligible", true))));
            case "recordFragilityAssessment" -> step(Map.of("criteria", List.of()));
            case "endShare" -> step(Map.of("missionLocaleId", missionLocale, "reason", "OTHER"));
            case "recordMissionLocaleRegistration", "recordCejEntry", "recordConsent", "withdrawConsent" -> step(Map.of());
            case "retractEvent" -> Map.of("reason", "RECORDED_BY_MISTAKE");
            case "disputeJointStep" -> Map.of("reason", "OTHER");
            case "rectifyIdentity" -> Pathways.person("Camille", "Autre-" + UUID.randomUUID(), world.birthDate, null, null);
            case "pushEventBatch" -> List.of(CloudEvents.about(world.pathway, "rights.information-given.v1", Pathways.today(),
                    Map.of("topics", List.of("HOUSING"))));
            case "pushEvent" -> CloudEvents.about(world.pathway, "rights.information-given.v1", Pathways.today(),
                    Map.of("topics", List.of("HOUSING")));
            default -> throw new IllegalStateException("No valid body for " + operationId + ": add one to SecurityTest.validBody");
        };
    }

    private static Map<String, Object> step(Map<String, ?> data) {
        return Map.of("occurredOn", Pathways.today().toString(), "data", data);
    }

    /** One operation of the contract, with what it takes to send a well-formed request to it. */
    record Operation(String operationId, String method, String pathTemplate, String path, String contentType, String body,
            boolean ifMatch) {

        @Override
        public String toString() {
            return method.toUpperCase() + " " + pathTemplate;
        }

        Access access() {
            return MATRIX.get(operationId);
        }
    }

    /**
     * Real resources, made once per run through the API, so that the ids in the requests exist: a
     * pathway of one département shared with one Mission Locale, a local convention between them,
     * a webhook of each; and another département and Mission Locale, with the same roles, owning none.
     */
    static final class World {
        static final String DEPARTEMENT_CODE = "48";
        static final String OTHER_DEPARTEMENT = "46";
        private static World instance;

        final UUID missionLocale = Directory.newMissionLocale(DEPARTEMENT_CODE);
        final UUID otherMissionLocale = Directory.newMissionLocale(DEPARTEMENT_CODE);
        final LocalDate birthDate = Pathways.today().minusYears(17).minusDays(40);
        final String caseReference = Pathways.caseReference();
        final String lastName = "Sécurité-" + UUID.randomUUID();
        final UUID pathway;
        final UUID event;
        final UUID convention;
        final UUID departementWebhook;
        final UUID missionLocaleWebhook;
        final String regionalAssociation = Fixtures.newRegionalAssociation();

        private World() {
            pathway = UUID.fromString(Pathways.registration(DEPARTEMENT_CODE, caseReference, "Camille", lastName, birthDate)
                    .statusCode(201).extract().path("id"));
            Pathways.step(token(DEPARTEMENT), pathway, "consents", Pathways.today(), null).statusCode(201);
            event = UUID.fromString(Pathways.step(token(DEPARTEMENT), pathway, "solicitations", Pathways.today(),
                    Map.of("missionLocaleId", missionLocale.toString())).statusCode(201).extract().path("id"));
            convention = UUID.fromString(given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("departementCode", DEPARTEMENT_CODE, "missionLocaleIds", List.of(missionLocale.toString()),
                            "title", "Convention Lozère " + UUID.randomUUID(), "status", "DRAFT", "startsOn", Pathways.today().toString()))
                    .post("/api/v1/conventions").then().statusCode(201).extract().path("id"));
            departementWebhook = webhook(token(DEPARTEMENT));
            missionLocaleWebhook = webhook(token(MISSION_LOCALE));
        }

        static synchronized World get() {
            if (instance == null) {
                instance = new World();
            }
            return instance;
        }

        /** A genuine token of the organisation the world's resources belong to, for the role. */
        String token(String role) {
            return switch (role) {
                case DEPARTEMENT -> Tokens.departement(DEPARTEMENT_CODE);
                case MISSION_LOCALE -> Tokens.missionLocale(missionLocale);
                case REGIONAL_ASSOCIATION -> Tokens.valid(REGIONAL_ASSOCIATION, regionalAssociation);
                case REPORTING -> Tokens.reporting();
                case ADMIN -> Tokens.admin();
                case DPO -> Tokens.dpo();
                default -> throw new IllegalArgumentException(role);
            };
        }

        /** A genuine token of another organisation with the same role, owning none of the world's resources. */
        String otherToken(String role) {
            return switch (role) {
                case DEPARTEMENT -> Tokens.departement(OTHER_DEPARTEMENT);
                case MISSION_LOCALE -> Tokens.missionLocale(otherMissionLocale);
                default -> throw new IllegalArgumentException(role + " acts for the platform, not for an organisation");
            };
        }

        /** The operation's path naming the world's resource the role may reach, or the given id in its place. */
        String path(Operation operation, String role, String walkedId) {
            String template = operation.pathTemplate();
            String id;
            if (template.startsWith("/api/v1/pathways/") || template.startsWith("/api/v1/shared-pathways/")) {
                id = pathway.toString();
            } else if (template.startsWith("/api/v1/conventions/")) {
                id = convention.toString();
            } else if (template.startsWith("/api/v1/webhooks/")) {
                id = (MISSION_LOCALE.equals(role) ? missionLocaleWebhook : departementWebhook).toString();
            } else if (template.startsWith("/api/v1/missions-locales/")) {
                id = missionLocale.toString();
            } else if (template.startsWith("/api/v1/indicator-reports/") || template.startsWith("/api/v1/progress-reviews/")) {
                return template.replace("{departementCode}", DEPARTEMENT_CODE)
                        .replace("{year}", Integer.toString(Pathways.today().getYear() - 1)).replace("{version}", "1");
            } else {
                return operation.path();
            }
            return template.replace("{id}", walkedId != null ? walkedId : id)
                    .replace("{eventId}", walkedId != null ? UUID.randomUUID().toString() : event.toString())
                    .replace("{deliveryId}", UUID.randomUUID().toString())
                    .replace("{code}", DEPARTEMENT_CODE);
        }

        /** Values of the world's young person that no error may reveal. */
        List<String> personalData() {
            return List.of(lastName, caseReference, birthDate.toString());
        }

        private static UUID webhook(String token) {
            // A closed local port: nothing listens, nothing leaves the machine.
            return UUID.fromString(given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("url", "http://127.0.0.1:9/security-test")).post("/api/v1/webhooks").then().statusCode(201)
                    .extract().path("id"));
        }
    }

    /** A bad token, and what the service must answer to it. */
    enum BadToken {
        NONE(401, () -> null),
        EXPIRED(401, () -> Tokens.expired(ADMIN, Tokens.OPERATOR)),
        NOT_YET_VALID(401, () -> Tokens.notYetValid(ADMIN, Tokens.OPERATOR)),
        WRONG_ISSUER(401, () -> Tokens.wrongIssuer(ADMIN, Tokens.OPERATOR)),
        WRONG_AUDIENCE(401, () -> Tokens.wrongAudience(ADMIN, Tokens.OPERATOR)),
        FOREIGN_SIGNING_KEY(401, () -> Tokens.foreignKey(ADMIN, Tokens.OPERATOR)),
        ALG_NONE(401, () -> Tokens.unsigned(ADMIN, Tokens.OPERATOR)),
        HS256_SIGNED_WITH_THE_PUBLIC_KEY(401, () -> Tokens.hs256WithPublicKey(ADMIN, Tokens.OPERATOR)),
        NOT_A_JWT(401, () -> "not-a-token"),
        UNKNOWN_DEPARTEMENT(403, () -> Tokens.departement("99")),
        UNKNOWN_MISSION_LOCALE(403, () -> Tokens.missionLocale(UUID.randomUUID())),
        UNKNOWN_NATIONAL_BODY(403, () -> Tokens.valid("reporting", "NOBODY")),
        INACTIVE_MISSION_LOCALE(403, () -> Tokens.missionLocale(Fixtures.inactiveMissionLocale())),
        DEPARTEMENT_ROLE_WITH_A_MISSION_LOCALE(403, () -> Tokens.valid("departement", Fixtures.activeMissionLocale().toString())),
        MISSION_LOCALE_ROLE_WITH_A_DEPARTEMENT(403, () -> Tokens.valid("mission-locale", "33")),
        REGIONAL_ASSOCIATION_ROLE_WITH_A_DEPARTEMENT(403, () -> Tokens.valid(REGIONAL_ASSOCIATION, "33")),
        UNKNOWN_REGIONAL_ASSOCIATION(403, () -> Tokens.valid(REGIONAL_ASSOCIATION, "ARML-NOBODY")),
        INACTIVE_REGIONAL_ASSOCIATION(403, () -> Tokens.valid(REGIONAL_ASSOCIATION, Fixtures.inactiveRegionalAssociation())),
        ADMIN_ROLE_FOR_UNML(403, () -> Tokens.valid(ADMIN, "UNML")),
        DPO_ROLE_FOR_DEPARTEMENTS_DE_FRANCE(403, () -> Tokens.valid("dpo", "DF")),
        TWO_ROLES(403, () -> Tokens.withRoles(Set.of(ADMIN, "dpo"), Tokens.OPERATOR)),
        NO_ROLE_OF_OURS(403, () -> Tokens.valid("superuser", Tokens.OPERATOR));

        final int status;
        final Supplier<String> token;

        BadToken(int status, Supplier<String> token) {
            this.status = status;
            this.token = token;
        }
    }

    /** Directory data the bad tokens refer to, made once per run through the API. */
    static final class Fixtures {
        private static UUID active;
        private static UUID inactive;
        private static String inactiveAssociation;

        static synchronized UUID activeMissionLocale() {
            if (active == null) {
                active = Directory.newMissionLocale("33");
            }
            return active;
        }

        /** A new active regional association, with a unique code. */
        static String newRegionalAssociation() {
            return regionalAssociation(true);
        }

        static synchronized String inactiveRegionalAssociation() {
            if (inactiveAssociation == null) {
                inactiveAssociation = regionalAssociation(false);
            }
            return inactiveAssociation;
        }

        private static String regionalAssociation(boolean active) {
            String code = "ARML-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("code", code, "name", "ARML test " + code, "regionCode", "76", "active", active))
                    .post("/api/v1/regional-associations").then().statusCode(201).extract().path("code");
        }

        static synchronized UUID inactiveMissionLocale() {
            if (inactive == null) {
                String id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                        .body(Map.of("name", "ML inactive " + UUID.randomUUID(), "siret", Sirets.random(),
                                "departementCode", "33", "regionalAssociation", "ARML", "active", false))
                        .post("/api/v1/missions-locales")
                        .then().statusCode(201).body("active", equalTo(false)).extract().path("id");
                inactive = UUID.fromString(id);
            }
            return inactive;
        }
    }

    static Stream<Arguments> operationsAndBadTokens() throws IOException {
        List<Operation> operations = operations();
        return operations.stream().flatMap(operation -> Stream.of(BadToken.values())
                .map(token -> Arguments.of(operation, token)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("operationsAndBadTokens")
    void everyOperationRefusesBadTokens(Operation operation, BadToken badToken) {
        RequestSpecification request = given();
        String token = badToken.token.get();
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (operation.contentType() != null) {
            request.contentType(operation.contentType()).body(operation.body());
        }
        if (operation.ifMatch()) {
            request.header("If-Match", "\"0\"");
        }
        var response = request.request(operation.method(), operation.path()).then()
                .statusCode(badToken.status)
                .contentType("application/problem+json")
                .body("status", equalTo(badToken.status));
        if (badToken.status == 401) {
            response.header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo("urn:passerelle:problem:unauthenticated"));
        } else {
            response.body("type", equalTo("urn:passerelle:problem:forbidden"));
        }
    }

    @Test
    void everyOperationOfTheContractHasARowInTheMatrixAndEveryRowAnOperation() throws IOException {
        Set<String> contract = operations().stream().map(Operation::operationId).collect(Collectors.toCollection(TreeSet::new));
        Set<String> withoutRow = new TreeSet<>(contract);
        withoutRow.removeAll(MATRIX.keySet());
        assertTrue(withoutRow.isEmpty(), "operations of the contract without a row in SecurityTest.MATRIX: " + withoutRow);
        Set<String> stale = new TreeSet<>(MATRIX.keySet());
        stale.removeAll(contract);
        assertTrue(stale.isEmpty(), "rows of SecurityTest.MATRIX for operations no longer in the contract: " + stale);
    }

    static Stream<Arguments> operationsAndRolesNotAllowed() throws IOException {
        return operations().stream().filter(operation -> operation.access() != null).flatMap(operation -> ROLES.stream()
                .filter(role -> !operation.access().roles().contains(role))
                .map(role -> Arguments.of(operation, role)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("operationsAndRolesNotAllowed")
    void aRoleTheMatrixDoesNotAllowGetsExactly403(Operation operation, String role) {
        World world = World.get();
        send(operation, world.token(role), world.path(operation, role, null), operation.body())
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:forbidden"));
    }

    static Stream<Arguments> operationsAndRolesAllowed() throws IOException {
        return operations().stream().filter(operation -> operation.access() != null).flatMap(operation -> operation.access().roles()
                .stream().sorted().map(role -> Arguments.of(operation, role)));
    }

    /** Bodies are empty or invalid and If-Match stale, so that nothing changes: only the gate is under test. */
    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("operationsAndRolesAllowed")
    void aRoleTheMatrixAllowsIsNeverRefusedWithATokenOfTheRightOrganisation(Operation operation, String role) {
        World world = World.get();
        Response response = send(operation, world.token(role), world.path(operation, role, null), operation.body());
        response.then().statusCode(not(oneOf(401, 403)));
        assertReachedTheEndpoint(response.asString());
    }

    static Stream<Arguments> ownedOperationsAndOrganisationRoles() throws IOException {
        return operations().stream().filter(operation -> operation.access() != null && operation.access().scope() == Scope.OWNED)
                .flatMap(operation -> operation.access().roles().stream().filter(role -> !role.equals(ADMIN)).sorted()
                        .map(role -> Arguments.of(operation, role)));
    }

    @ParameterizedTest(name = "{0} as another {1}")
    @MethodSource("ownedOperationsAndOrganisationRoles")
    void anotherOrganisationWithTheRightRoleGets404AndNothingOfTheResource(Operation operation, String role) {
        World world = World.get();
        ExtractableResponse<Response> response = send(operation, world.otherToken(role), world.path(operation, role, null),
                validRequestBody(operation, world))
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:passerelle:problem:not-found"))
                .extract();
        assertReachedTheEndpoint(response.asString());
        assertRevealsNothing(response.asString(), world);
    }

    static Stream<Arguments> ownedOperationsRolesAndWalkedIds() throws IOException {
        return ownedOperationsAndOrganisationRoles().filter(arguments -> ((Operation) arguments.get()[0]).pathTemplate().contains("{id}"))
                .flatMap(arguments -> Stream.of(WalkedId.values())
                .map(walked -> Arguments.of(arguments.get()[0], arguments.get()[1], walked)));
    }

    /** Ids a caller might try instead of those it was given. */
    enum WalkedId {
        RANDOM,
        NEXT_TO_A_REAL_ONE,
        NIL,
        ONE;

        String of(World world, Operation operation, String role) {
            return switch (this) {
                case RANDOM -> UUID.randomUUID().toString();
                case NEXT_TO_A_REAL_ONE -> neighbour(world.path(operation, role, null).split("/")[4]);
                case NIL -> "00000000-0000-0000-0000-000000000000";
                case ONE -> "00000000-0000-0000-0000-000000000001";
            };
        }

        private static String neighbour(String id) {
            char last = id.charAt(id.length() - 1);
            return id.substring(0, id.length() - 1) + (last == 'f' ? '0' : Character.forDigit(Character.digit(last, 16) + 1, 16));
        }
    }

    @ParameterizedTest(name = "{0} as {1} with a {2} id")
    @MethodSource("ownedOperationsRolesAndWalkedIds")
    void walkingIdsFindsNothing(Operation operation, String role, WalkedId walked) {
        World world = World.get();
        ExtractableResponse<Response> response = send(operation, world.token(role),
                world.path(operation, role, walked.of(world, operation, role)), validRequestBody(operation, world))
                .then().statusCode(404)
                .contentType("application/problem+json")
                .extract();
        assertReachedTheEndpoint(response.asString());
        assertRevealsNothing(response.asString(), world);
    }

    @Test
    void anotherDepartementFindsNoneOfAPathwayByItsCaseReferenceOrName() {
        World world = World.get();
        String other = world.otherToken(DEPARTEMENT);
        for (Map.Entry<String, String> filter : Map.of("caseReference", world.caseReference, "name", world.lastName).entrySet()) {
            given().auth().oauth2(other).queryParam(filter.getKey(), filter.getValue()).get("/api/v1/pathways").then().statusCode(200)
                    .body("items.size()", equalTo(0));
            given().auth().oauth2(world.token(DEPARTEMENT)).queryParam(filter.getKey(), filter.getValue()).get("/api/v1/pathways")
                    .then().statusCode(200).body("items[0].id", equalTo(world.pathway.toString()));
        }
    }

    static Stream<Arguments> serverOwnedFields() {
        Map<String, List<String>> fields = Map.of(
                "registration", List.of("id", "version", "status", "state", "departementCode", "erasedAt", "createdAt"),
                "step", List.of("id", "pathwayId", "recordedAt", "recordedBy", "status"),
                "rectification", List.of("id", "version", "erasedAt"),
                "webhook", List.of("id", "organisationId", "status", "secret"));
        return fields.entrySet().stream().flatMap(request -> request.getValue().stream()
                .map(field -> Arguments.of(request.getKey(), field)));
    }

    @ParameterizedTest(name = "{1} in a {0}")
    @MethodSource("serverOwnedFields")
    void aServerOwnedFieldInARequestIsRefusedNamingItAndNothingIsWritten(String request, String field) {
        World world = World.get();
        String departement = world.token(DEPARTEMENT);
        String caseReference = Pathways.caseReference();
        String url = "https://sync.example.org/" + UUID.randomUUID();
        Map<String, Object> body;
        RequestSpecification call = given().auth().oauth2(departement).contentType(ContentType.JSON);
        String path;
        switch (request) {
            case "registration" -> {
                body = new HashMap<>(Pathways.registrationBody(caseReference, "Camille", "Assignation-" + UUID.randomUUID(),
                        Pathways.today().minusYears(17)));
                path = "/api/v1/pathways";
            }
            case "step" -> {
                body = new HashMap<>(Map.of("occurredOn", Pathways.today().toString(), "data", Map.of("topics", List.of("HOUSING"))));
                path = "/api/v1/pathways/" + world.pathway + "/rights-information";
            }
            case "rectification" -> {
                body = Pathways.person("Camille", "Assignation-" + UUID.randomUUID(), world.birthDate, null, null);
                path = "/api/v1/pathways/" + world.pathway + "/identity";
                call.header("If-Match", Pathways.etag(departement, world.pathway));
            }
            case "webhook" -> {
                body = new HashMap<>(Map.of("url", url));
                path = "/api/v1/webhooks";
            }
            default -> throw new IllegalArgumentException(request);
        }
        // Whatever the value: the name alone is refused.
        body.put(field, "2020-01-01T00:00:00Z");
        String version = Pathways.etag(departement, world.pathway);
        (request.equals("rectification") ? call.body(body).put(path) : call.body(body).post(path)).then().statusCode(400)
                .body("type", equalTo("urn:passerelle:problem:malformed-request"))
                .body("errors[0].pointer", equalTo("/" + field))
                .body("errors[0].detail", startsWith("unknown property '" + field + "'"));

        assertEquals(version, Pathways.etag(departement, world.pathway), "the pathway did not change");
        given().auth().oauth2(departement).queryParam("caseReference", caseReference).get("/api/v1/pathways").then().statusCode(200)
                .body("items.size()", equalTo(0));
        List<String> urls = given().auth().oauth2(departement).get("/api/v1/webhooks").then().statusCode(200).extract().path("url");
        assertFalse(urls.contains(url), "no webhook was registered");
    }

    private static Object validRequestBody(Operation operation, World world) {
        return operation.contentType() == null ? null : validBody(operation.operationId(), world);
    }

    private static Response send(Operation operation, String token, String path, Object body) {
        RequestSpecification request = given();
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (operation.contentType() != null) {
            request.contentType(operation.contentType()).body(body);
        }
        if (operation.ifMatch()) {
            request.header("If-Match", "\"0\"");
        }
        return request.request(operation.method(), path);
    }

    /** The answer comes from the endpoint, not from a router that found no endpoint at that path. */
    private static void assertReachedTheEndpoint(String body) {
        assertFalse(body.contains("No resource at this address"), "no endpoint at this path: " + body);
    }

    private static void assertRevealsNothing(String body, World world) {
        for (String personal : world.personalData()) {
            assertFalse(body.contains(personal), "the answer reveals " + personal + ": " + body);
        }
    }

    private static List<Operation> operations() throws IOException {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (HTTP_METHODS.contains(method.getKey())) {
                    operations.add(operation(contract, path.getKey(), method.getKey(), method.getValue()));
                }
            }
        }
        return operations;
    }

    private static Operation operation(JsonNode contract, String template, String method, JsonNode operation) {
        String path = template;
        boolean ifMatch = false;
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("path")) {
                path = path.replace("{" + parameter.path("name").asText() + "}", sampleValue(contract, parameter));
            } else if (parameter.path("in").asText().equals("header") && parameter.path("name").asText().equalsIgnoreCase("If-Match")) {
                ifMatch = true;
            }
        }
        String contentType = null;
        String body = null;
        Iterator<String> mediaTypes = operation.path("requestBody").path("content").fieldNames();
        if (mediaTypes.hasNext()) {
            contentType = mediaTypes.next();
            body = contentType.equals("application/json") ? "{}" : "";
        }
        return new Operation(operation.path("operationId").asText(), method, template, path, contentType, body, ifMatch);
    }

    /** A well-formed value for a path parameter: its example, or a random UUID for identifiers. */
    private static String sampleValue(JsonNode contract, JsonNode parameter) {
        if (parameter.has("example")) {
            return parameter.path("example").asText();
        }
        JsonNode schema = parameter.path("schema");
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asText().substring("#/components/schemas/".length());
            schema = contract.path("components").path("schemas").path(name);
        }
        if (schema.path("format").asText().equals("uuid")) {
            return UUID.randomUUID().toString();
        }
        throw new IllegalStateException("No sample value for path parameter " + parameter
                + ": give it an example in its @Parameter annotation");
    }
}
