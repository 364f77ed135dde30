package fr.passerelle.platform.openapi;

import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemMapper;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.Components;

/** The contract's header: info, tags, the bearer scheme and the shared problem responses. */
@OpenAPIDefinition(
        info = @Info(title = "Passerelle ASE / Missions Locales", version = "1.0.0",
                description = "Loaded from openapi/description.md",
                contact = @Contact(name = "Équipe Passerelle", email = "passerelle@example.org"),
                license = @License(name = "Licence Ouverte 2.0 (Etalab)", url = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/")),
        // Relative: the same document is served by every environment, each on its own host.
        servers = @Server(url = "/", description = "The instance serving this document: production, or a test or sandbox "
                + "environment, each on its own host", extensions = @Extension(name = "x-internal", value = "false", parseValue = true)),
        tags = {
            @Tag(name = "Directory", description = "Départements, Missions Locales and local conventions"),
            @Tag(name = "Pathways", description = "A département registers, lists and reads the pathways of the young people it supports"),
            @Tag(name = "Pathway steps", description = "One resource per step, for interactive clients; each records one event"),
            @Tag(name = "Events", description = "Pathway events pushed as CloudEvents 1.0 (structured JSON mode): one event "
                    + "(`application/cloudevents+json`, `POST /api/v1/events`) or a batch (`application/cloudevents-batch+json`, "
                    + "`POST /api/v1/events/batches`). Each CloudEvent schema is one type of the catalogue, told apart by `type`; "
                    + "its `data` is that type's data, and the timeline, the feed and the step resources show events with the same "
                    + "data, told apart by `type` too."),
            @Tag(name = "Shared pathways", description = "What a Mission Locale reads of the pathways shared with it"),
            @Tag(name = "Change feed", description = "Every event an organisation may see, in one total order"),
            @Tag(name = "Webhooks", description = "Feed entries pushed to an organisation's endpoint, signed and retried"),
            @Tag(name = "Indicators", description = "The six annual indicators of the convention, and the frozen annual reports"),
            @Tag(name = "Rights of the young person", description = "Access, rectification, erasure, and the retention purge"),
            @Tag(name = "Audit", description = "The audit trail of accesses to personal data, for the data protection officer"),
            @Tag(name = "Offers", description = "The directory of the partners' offers of services"),
            @Tag(name = "Good practices", description = "Practice sheets written by the partners, moderated by the platform operator"),
            @Tag(name = "Conformance", description = "For vendors: a conformance scenario to run against the sandbox, and which event "
                    + "types an organisation pushed lately"),
            @Tag(name = "Observation", description = "Pseudonymised, k-anonymous exports of pathways for observation work")
        },
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = ProblemResponses.SECURITY_SCHEME,
                        type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
                        description = "A JWT (RFC 7519) signed with RS256 or ES256 by the identity provider, checked as RFC8725 "
                                + "recommends: the algorithm is fixed by the service (never taken from the token, never `none`), "
                                + "and the issuer, audience and expiry are always verified. Claims: `iss`, `aud`, "
                                + "`exp`, `sub`, `groups` (exactly one role: departement, mission-locale, regional-association, reporting, admin, "
                                + "dpo) and `org` (the organisation: a collectivity code for departement, a Mission Locale id for "
                                + "mission-locale, a regional association's code (ARML-...) for regional-association, a national "
                                + "body code otherwise; admin and dpo act for PLATEFORME)."),
                responses = {
                    @APIResponse(name = "BadRequest", description = "Malformed request: unreadable JSON, an unknown or repeated property, "
                            + "a bad parameter (including one holding %00 or not percent-encoded UTF-8), an unquoted entity tag",
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "Unauthorized", description = "No valid bearer token",
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "Forbidden", description = "The token's role, or its organisation, does not allow this",
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "NotFound", description = "No such resource, or not one the caller may see",
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "NotAcceptable", description = "None of the media types in Accept can be produced",
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "Conflict", description = "Conflicts with the current state",
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "Gone", description = "No longer available (e.g. a feed cursor past the retention)",
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "PreconditionFailed", description = "If-Match does not match the current ETag",
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "PayloadTooLarge", description = "The body is over 5242880 bytes (5 MiB, "
                            + "`passerelle.limits.max-body-bytes`), or a CloudEvents batch holds more than 1000 events "
                            + "(`passerelle.limits.max-batch-events`)",
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "UriTooLong", description = "The request target (path and query) is over 4096 characters "
                            + "(`passerelle.limits.max-uri-length`)",
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "UnsupportedMediaType", description = "Unsupported Content-Type",
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "ValidationFailed", description = "The body is readable but not valid (including a string "
                            + "holding the NUL character); `errors` lists each field",
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "PreconditionRequired", description = "If-Match is required",
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "TooManyRequests", description = "Over the organisation's rate limit: 1200 requests per "
                            + "minute by default (`passerelle.rate-limit.requests-per-minute`), or the organisation's own quota, "
                            + "counted across every replica of the service",
                            headers = @Header(name = "Retry-After", description = "Seconds until the next minute's window",
                                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "60")),
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "InternalError", description = "Unexpected error; quote the correlationId",
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "ServiceUnavailable", description = "Temporarily unavailable; see Retry-After",
                            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "3600")),
                            content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
                }))
public class PasserelleApplication extends Application {
}
