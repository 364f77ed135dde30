package fr.passerelle.offer;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.problem.Violations;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.web.ImportOutcome;
import fr.passerelle.platform.web.ETags;
import fr.passerelle.platform.web.Page;
import fr.passerelle.platform.web.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The directory of offers of services: every partner reads it; a collectivity or a Mission Locale
 * writes its own offers only. Holds no personal data (see {@link OfferRules}).
 */
@ApplicationScoped
public class OfferService {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final ServiceOfferRepository offers;
    private final Clock clock;

    public OfferService(ServiceOfferRepository offers, Clock clock) {
        this.offers = offers;
        this.clock = clock;
    }

    /** Search filters; null means none. Without {@code validOn}, offers that have not ended yet (future ones included). */
    public record Filter(Theme theme, String commune, String epci, String owner, String text, LocalDate validOn) {
    }

    @Transactional
    public Page<OfferView> search(Filter filter, String cursor, int limit) {
        Cursor.TextAndId after = Cursor.TextAndId.decode(cursor);
        List<ServiceOffer> rows = offers.search(criteria(filter), after == null ? null : after.text(), after == null ? null : after.id(),
                limit + 1);
        return Page.of(rows, limit, OfferView::of, last -> new Cursor.TextAndId(last.title, last.id).encode());
    }

    /** Every matching offer as CSV, in the import's columns. */
    @Transactional
    public String exportCsv(Filter filter) {
        return OfferCsv.render(offers.search(criteria(filter), null, null, 0).stream().map(OfferView::of).toList());
    }

    @Transactional
    public Versioned<OfferView> get(UUID id) {
        ServiceOffer offer = offers.findByIdOptional(id).orElseThrow(() -> ApiException.notFound("No offer " + id + "."));
        return new Versioned<>(OfferView.of(offer), offer.version);
    }

    @Transactional
    public Versioned<OfferView> create(Caller caller, OfferRequest request) {
        requireValid(request);
        if (!offers.byReferences(caller.organisationId(), List.of(request.reference())).isEmpty()) {
            throw ApiException.conflict("The caller already has an offer with reference " + request.reference() + ".");
        }
        ServiceOffer offer = newOffer(caller);
        apply(offer, request);
        offers.persist(offer);
        offers.flush();
        return new Versioned<>(OfferView.of(offer), offer.version);
    }

    @Transactional
    public Versioned<OfferView> replace(Caller caller, UUID id, String ifMatch, OfferRequest request) {
        ServiceOffer offer = owned(caller, id);
        ETags.requireMatch(ifMatch, ETags.of(offer.version));
        requireValid(request);
        if (offers.referenceTaken(offer.ownerId, request.reference(), id)) {
            throw ApiException.conflict("The caller already has another offer with reference " + request.reference() + ".");
        }
        apply(offer, request);
        offers.flush();
        return new Versioned<>(OfferView.of(offer), offer.version);
    }

    @Transactional
    public void delete(Caller caller, UUID id, String ifMatch) {
        ServiceOffer offer = owned(caller, id);
        ETags.requireMatch(ifMatch, ETags.of(offer.version));
        offers.delete(offer);
    }

    /**
     * Creates or updates the caller's offers by reference from CSV. All or nothing: one invalid line
     * rejects the file, and every invalid line is reported.
     */
    @Transactional
    public OfferImportReport importCsv(Caller caller, String text) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<OfferCsv.ParsedLine> parsed = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (OfferCsv.ParsedLine line : OfferCsv.parse(text, errors)) {
            Integer first = firstLine.putIfAbsent(line.request().reference(), line.line());
            if (first != null) {
                errors.add(Problem.FieldError.atLine(line.line(), "/reference", "reference already given on line " + first));
            } else {
                parsed.add(line);
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, errors.size() + " error(s) in the file; nothing was imported.", errors);
        }
        Map<String, ServiceOffer> existing = parsed.isEmpty() ? Map.of() : offers
                .byReferences(caller.organisationId(), parsed.stream().map(line -> line.request().reference()).toList())
                .stream().collect(Collectors.toMap(offer -> offer.reference, Function.identity()));
        List<OfferImportReport.Line> report = new ArrayList<>();
        for (OfferCsv.ParsedLine line : parsed) {
            ServiceOffer offer = existing.get(line.request().reference());
            ImportOutcome outcome;
            if (offer == null) {
                offer = newOffer(caller);
                apply(offer, line.request());
                offers.persist(offer);
                outcome = ImportOutcome.CREATED;
            } else if (OfferView.of(offer).equals(viewOf(offer, line.request()))) {
                outcome = ImportOutcome.UNCHANGED;
            } else {
                apply(offer, line.request());
                outcome = ImportOutcome.UPDATED;
            }
            report.add(new OfferImportReport.Line(line.line(), offer.reference, offer.id, outcome));
        }
        offers.flush();
        return OfferImportReport.of(report);
    }

    private ServiceOffer newOffer(Caller caller) {
        if (!caller.is(Role.DEPARTEMENT) && !caller.is(Role.MISSION_LOCALE)) {
            throw ApiException.forbidden("Only collectivities and Missions Locales publish offers.");
        }
        ServiceOffer offer = new ServiceOffer();
        offer.id = UUID.randomUUID();
        offer.ownerKind = caller.role().organisationKind().name();
        offer.ownerId = caller.organisationId();
        offer.createdAt = Instant.now(clock);
        return offer;
    }

    /** The offer, if the caller owns it: another partner reads it but may not change it (403, not 404: it can see it). */
    private ServiceOffer owned(Caller caller, UUID id) {
        ServiceOffer offer = offers.findByIdOptional(id).orElseThrow(() -> ApiException.notFound("No offer " + id + "."));
        if (!offer.ownerKind.equals(caller.role().organisationKind().name()) || !offer.ownerId.equals(caller.organisationId())) {
            throw ApiException.forbidden("Only the organisation that published an offer may change it.");
        }
        return offer;
    }

    private static void requireValid(OfferRequest request) {
        List<Problem.FieldError> errors = OfferRules.violations(request);
        if (!errors.isEmpty()) {
            throw Violations.invalid(errors);
        }
    }

    private void apply(ServiceOffer offer, OfferRequest request) {
        offer.reference = request.reference();
        offer.title = request.title().trim();
        offer.description = request.description().trim();
        offer.theme = request.theme();
        offer.audiences = request.audiences().stream().distinct().map(Enum::name).toArray(String[]::new);
        offer.minAge = request.minAge().shortValue();
        offer.maxAge = request.maxAge().shortValue();
        offer.communes = request.territory().communesOrEmpty().stream().distinct().toArray(String[]::new);
        offer.epcis = request.territory().epcisOrEmpty().stream().distinct().toArray(String[]::new);
        offer.contactService = request.contact().service().trim();
        offer.contactEmail = request.contact().email();
        offer.contactPhone = OfferRules.normalisedPhone(request.contact().phone());
        offer.contactUrl = request.contact().url();
        offer.validFrom = request.validFrom();
        offer.validUntil = request.validUntil();
        offer.updatedAt = Instant.now(clock);
    }

    /** What the offer would look like with the request applied, to tell an unchanged import line. */
    private OfferView viewOf(ServiceOffer stored, OfferRequest request) {
        ServiceOffer copy = new ServiceOffer();
        copy.id = stored.id;
        copy.ownerKind = stored.ownerKind;
        copy.ownerId = stored.ownerId;
        apply(copy, request);
        return OfferView.of(copy);
    }

    private ServiceOfferRepository.Criteria criteria(Filter filter) {
        if (filter.commune() != null && !OfferRules.isCommune(filter.commune())) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "commune must be an INSEE commune code.",
                    List.of(Problem.FieldError.atParameter("commune", "not an INSEE commune code (5 characters, e.g. 33063)")));
        }
        if (filter.epci() != null && !OfferRules.isSiren(filter.epci())) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "epci must be a SIREN.",
                    List.of(Problem.FieldError.atParameter("epci", "not a SIREN (9 digits with a valid check digit)")));
        }
        LocalDate today = LocalDate.now(clock.withZone(PARIS));
        return new ServiceOfferRepository.Criteria(filter.theme(), filter.commune(), filter.epci(), filter.owner(),
                filter.text() == null || filter.text().isBlank() ? null : filter.text().trim(), filter.validOn(),
                filter.validOn() == null ? today : null);
    }
}
