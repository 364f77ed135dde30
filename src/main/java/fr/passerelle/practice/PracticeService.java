package fr.passerelle.practice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.offer.Theme;
import fr.passerelle.partner.DepartementService;
import fr.passerelle.partner.DepartementView;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.Violations;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.web.ETags;
import fr.passerelle.platform.web.FreeText;
import fr.passerelle.platform.web.Page;
import fr.passerelle.platform.web.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The good-practice library. Collectivities, Missions Locales and regional associations write sheets;
 * the platform operator moderates them: a sheet is a DRAFT until it publishes it, and it archives
 * it when it is outdated. Every edit is a new version, kept: a published sheet stays visible at its
 * published version while its next version awaits moderation. Readers other than the author and the
 * operator see published sheets only, at their published version; anything else is 404 to them.
 */
@ApplicationScoped
public class PracticeService {

    private static final Set<Role> AUTHORS = Set.of(Role.DEPARTEMENT, Role.MISSION_LOCALE, Role.REGIONAL_ASSOCIATION);
    private static final TypeReference<List<PracticeRequest.Attachment>> ATTACHMENTS = new TypeReference<>() {
    };

    private final PracticeRepository sheets;
    private final DepartementService departements;
    private final ObjectMapper mapper;
    private final Clock clock;

    public PracticeService(PracticeRepository sheets, DepartementService departements, ObjectMapper mapper, Clock clock) {
        this.sheets = sheets;
        this.departements = departements;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Search filters; null means none. */
    public record Filter(Theme theme, String departement, String region, String text, PracticeStatus status, String author) {
    }

    @Transactional
    public Page<PracticeView> search(Caller caller, Filter filter, String cursor, int limit) {
        Cursor.TextAndId after = Cursor.TextAndId.decode(cursor);
        String[] region = filter.region() == null ? null
                : departements.list(filter.region()).stream().map(DepartementView::code).toArray(String[]::new);
        List<PracticeSheetVersion> rows = sheets.search(reader(caller), new PracticeRepository.Criteria(filter.theme() == null ? null : filter.theme().name(),
                filter.departement(), region, filter.text() == null || filter.text().isBlank() ? null : filter.text().trim(),
                filter.status() == null ? null : filter.status().name(), filter.author()), after == null ? null : after.text(),
                after == null ? null : after.id(), limit + 1);
        Map<UUID, PracticeSheet> byId = rows.isEmpty() ? Map.of() : sheets.list("id in ?1", rows.stream().map(row -> row.sheetId).toList())
                .stream().collect(Collectors.toMap(sheet -> sheet.id, Function.identity()));
        return Page.of(rows, limit, row -> view(caller, byId.get(row.sheetId), row), last -> new Cursor.TextAndId(last.title,
                last.sheetId).encode());
    }

    @Transactional
    public Versioned<PracticeView> get(Caller caller, UUID id) {
        PracticeSheet sheet = visible(caller, id);
        // A reader's tag follows the published version only: a new draft must neither change it nor reveal itself by it.
        long tag = seesEverything(caller, sheet) ? sheet.version : sheet.publishedVersion;
        return new Versioned<>(view(caller, sheet, sheets.version(id, shownVersion(caller, sheet))), tag);
    }

    /** Every version the caller may see: all of them for the author and the operator, the published ones for others. */
    @Transactional
    public List<PracticeView> history(Caller caller, UUID id) {
        PracticeSheet sheet = visible(caller, id);
        boolean full = seesEverything(caller, sheet);
        return sheets.versions(id).stream().filter(version -> full || version.publishedAt != null)
                .map(version -> view(caller, sheet, version)).toList();
    }

    @Transactional
    public Versioned<PracticeView> create(Caller caller, PracticeRequest request) {
        if (!AUTHORS.contains(caller.role())) {
            throw ApiException.forbidden("Only collectivities, Missions Locales and regional associations write practice sheets.");
        }
        requireValid(request);
        PracticeSheet sheet = new PracticeSheet();
        sheet.id = UUID.randomUUID();
        sheet.authorKind = caller.role().organisationKind().name();
        sheet.authorId = caller.organisationId();
        sheet.status = PracticeStatus.DRAFT;
        sheet.createdAt = Instant.now(clock);
        sheet.updatedAt = sheet.createdAt;
        sheet.latestVersion = 1;
        sheets.persist(sheet);
        PracticeSheetVersion version = newVersion(caller, sheet, request);
        sheets.flush();
        return new Versioned<>(view(caller, sheet, version), sheet.version);
    }

    /** A new version by the author. A published sheet stays published at its version until the operator publishes the new one. */
    @Transactional
    public Versioned<PracticeView> revise(Caller caller, UUID id, String ifMatch, PracticeRequest request) {
        PracticeSheet sheet = visible(caller, id);
        if (!isAuthor(caller, sheet)) {
            throw ApiException.forbidden("Only the organisation that wrote a practice sheet may revise it.");
        }
        ETags.requireMatch(ifMatch, ETags.of(sheet.version));
        if (sheet.status == PracticeStatus.ARCHIVED) {
            throw ApiException.conflict("This practice sheet is archived: it takes no more versions.");
        }
        requireValid(request);
        sheet.latestVersion++;
        sheet.updatedAt = Instant.now(clock);
        PracticeSheetVersion version = newVersion(caller, sheet, request);
        sheets.flush();
        return new Versioned<>(view(caller, sheet, version), sheet.version);
    }

    /** The operator publishes the latest version it read (If-Match): not one the author wrote since. */
    @Transactional
    public Versioned<PracticeView> publish(UUID id, String ifMatch) {
        PracticeSheet sheet = sheets.findByIdOptional(id).orElseThrow(() -> ApiException.notFound("No practice sheet " + id + "."));
        ETags.requireMatch(ifMatch, ETags.of(sheet.version));
        if (sheet.status == PracticeStatus.ARCHIVED) {
            throw ApiException.conflict("This practice sheet is archived.");
        }
        if (sheet.publishedVersion != null && sheet.publishedVersion == sheet.latestVersion) {
            throw ApiException.conflict("Its latest version " + sheet.latestVersion + " is already published.");
        }
        PracticeSheetVersion version = sheets.version(id, sheet.latestVersion);
        version.publishedAt = Instant.now(clock);
        sheet.status = PracticeStatus.PUBLISHED;
        sheet.publishedVersion = sheet.latestVersion;
        sheet.updatedAt = version.publishedAt;
        sheets.flush();
        return new Versioned<>(view(null, sheet, version), sheet.version);
    }

    /** The operator archives a sheet: it leaves the library; its author and the operator keep its history. */
    @Transactional
    public Versioned<PracticeView> archive(UUID id, String ifMatch) {
        PracticeSheet sheet = sheets.findByIdOptional(id).orElseThrow(() -> ApiException.notFound("No practice sheet " + id + "."));
        ETags.requireMatch(ifMatch, ETags.of(sheet.version));
        if (sheet.status == PracticeStatus.ARCHIVED) {
            throw ApiException.conflict("This practice sheet is already archived.");
        }
        sheet.status = PracticeStatus.ARCHIVED;
        sheet.updatedAt = Instant.now(clock);
        sheets.flush();
        return new Versioned<>(view(null, sheet, sheets.version(id, sheet.latestVersion)), sheet.version);
    }

    private PracticeSheetVersion newVersion(Caller caller, PracticeSheet sheet, PracticeRequest request) {
        PracticeSheetVersion version = new PracticeSheetVersion();
        version.sheetId = sheet.id;
        version.number = sheet.latestVersion;
        version.title = request.title().trim();
        version.theme = request.theme();
        version.departementCodes = request.departementCodes().stream().distinct().toArray(String[]::new);
        version.partners = request.partners().stream().map(String::trim).toArray(String[]::new);
        version.summary = request.summary().trim();
        version.results = request.results().trim();
        version.contactOrganisation = request.contactOrganisation().trim();
        try {
            version.attachments = mapper.writeValueAsString(request.attachments());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        version.editedByKind = caller.role().organisationKind().name();
        version.editedById = caller.organisationId();
        version.createdAt = Instant.now(clock);
        sheets.persistVersion(version);
        return version;
    }

    private void requireValid(PracticeRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.departementCodes().size(); i++) {
            if (departements.get(request.departementCodes().get(i)).isEmpty()) {
                errors.add(Problem.FieldError.atPointer("/departementCodes/" + i, "unknown collectivity code"));
            }
        }
        for (int i = 0; i < request.attachments().size(); i++) {
            if (!FreeText.isHttpsUrl(request.attachments().get(i).url())) {
                errors.add(Problem.FieldError.atPointer("/attachments/" + i + "/url", "must be an absolute https URL"));
            }
        }
        freeText(errors, "/title", request.title());
        freeText(errors, "/summary", request.summary());
        freeText(errors, "/results", request.results());
        freeText(errors, "/contactOrganisation", request.contactOrganisation());
        for (int i = 0; i < request.partners().size(); i++) {
            freeText(errors, "/partners/" + i, request.partners().get(i));
        }
        if (!errors.isEmpty()) {
            throw Violations.invalid(errors);
        }
    }

    private static void freeText(List<Problem.FieldError> errors, String pointer, String text) {
        if (FreeText.holdsContactDetails(text)) {
            errors.add(Problem.FieldError.atPointer(pointer, FreeText.CONTACT_DETAILS + ": name the contact organisation"));
        }
    }

    /** The sheet if the caller may see it at all; 404 otherwise, as if it did not exist. */
    private PracticeSheet visible(Caller caller, UUID id) {
        return sheets.findByIdOptional(id).filter(sheet -> seesEverything(caller, sheet) || sheet.status == PracticeStatus.PUBLISHED)
                .orElseThrow(() -> ApiException.notFound("No practice sheet " + id + "."));
    }

    private static int shownVersion(Caller caller, PracticeSheet sheet) {
        return seesEverything(caller, sheet) ? sheet.latestVersion : sheet.publishedVersion;
    }

    private static boolean seesEverything(Caller caller, PracticeSheet sheet) {
        return caller.is(Role.ADMIN) || isAuthor(caller, sheet);
    }

    private static boolean isAuthor(Caller caller, PracticeSheet sheet) {
        return caller.role().organisationKind().name().equals(sheet.authorKind) && caller.organisationId().equals(sheet.authorId);
    }

    private static PracticeRepository.Reader reader(Caller caller) {
        return new PracticeRepository.Reader(caller.is(Role.ADMIN), caller.role().organisationKind().name(), caller.organisationId());
    }

    /** The sheet at a version; a reader other than the author and the operator (null: the operator) learns of no unpublished version. */
    private PracticeView view(Caller caller, PracticeSheet sheet, PracticeSheetVersion version) {
        boolean full = caller == null || seesEverything(caller, sheet);
        List<PracticeRequest.Attachment> attachments;
        try {
            attachments = mapper.readValue(version.attachments, ATTACHMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new PracticeView(sheet.id, sheet.authorKind, sheet.authorId, sheet.status, version.number,
                full ? sheet.latestVersion : sheet.publishedVersion,
                sheet.publishedVersion, version.title, version.theme, List.of(version.departementCodes), List.of(version.partners),
                version.summary, version.results, version.contactOrganisation, attachments, version.createdAt, version.publishedAt);
    }
}
