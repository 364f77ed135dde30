package fr.passerelle.offer;

import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.web.FreeText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks of an offer beyond its shape, the same for JSON and CSV: territory codes, ages, dates,
 * and what keeps personal data out (a contact point that is a service, no contact details in the
 * free text).
 */
final class OfferRules {

    /** INSEE commune code: two digits or 2A/2B (Corsica), then three digits; overseas ones are 97xxx. */
    private static final Pattern COMMUNE = Pattern.compile("(\\d{2}|2[AB])\\d{3}");
    private static final Pattern SIREN = Pattern.compile("\\d{9}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    private static final Pattern PHONE = Pattern.compile("0[1-9]\\d{8}|\\+\\d{8,15}");

    private OfferRules() {
    }

    /** A phone as stored: without spaces, dots or dashes. */
    static String normalisedPhone(String phone) {
        return phone == null ? null : phone.replaceAll("[\\s.-]", "");
    }

    static List<Problem.FieldError> violations(OfferRequest offer) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> communes = offer.territory().communesOrEmpty();
        List<String> epcis = offer.territory().epcisOrEmpty();
        if (communes.isEmpty() && epcis.isEmpty()) {
            errors.add(Problem.FieldError.atPointer("/territory", "name at least one commune or EPCI"));
        }
        for (int i = 0; i < communes.size(); i++) {
            if (!isCommune(communes.get(i))) {
                errors.add(Problem.FieldError.atPointer("/territory/communes/" + i, "not an INSEE commune code (5 characters, e.g. 33063)"));
            }
        }
        for (int i = 0; i < epcis.size(); i++) {
            if (!isSiren(epcis.get(i))) {
                errors.add(Problem.FieldError.atPointer("/territory/epcis/" + i, "not a SIREN (9 digits with a valid check digit)"));
            }
        }
        if (offer.minAge() > offer.maxAge()) {
            errors.add(Problem.FieldError.atPointer("/maxAge", "must not be below minAge"));
        }
        if (offer.validUntil() != null && offer.validUntil().isBefore(offer.validFrom())) {
            errors.add(Problem.FieldError.atPointer("/validUntil", "must not be before validFrom"));
        }
        OfferRequest.Contact contact = offer.contact();
        if (contact.email() == null && contact.phone() == null && contact.url() == null) {
            errors.add(Problem.FieldError.atPointer("/contact", "give the service's email, phone or url"));
        }
        if (contact.email() != null && !EMAIL.matcher(contact.email()).matches()) {
            errors.add(Problem.FieldError.atPointer("/contact/email", "not an email address"));
        }
        if (contact.phone() != null && !PHONE.matcher(normalisedPhone(contact.phone())).matches()) {
            errors.add(Problem.FieldError.atPointer("/contact/phone", "not a phone number (0X XX XX XX XX or +...)"));
        }
        if (contact.url() != null && !FreeText.isHttpsUrl(contact.url())) {
            errors.add(Problem.FieldError.atPointer("/contact/url", "must be an absolute https URL"));
        }
        freeText(errors, "/title", offer.title());
        freeText(errors, "/description", offer.description());
        freeText(errors, "/contact/service", contact.service());
        return errors;
    }

    static boolean isCommune(String code) {
        return COMMUNE.matcher(code).matches();
    }

    static boolean isSiren(String code) {
        return SIREN.matcher(code).matches() && luhn(code);
    }

    /** Contact details go in the contact fields only, where they are checked to be a service's: never in free text. */
    static void freeText(List<Problem.FieldError> errors, String pointer, String text) {
        if (FreeText.holdsContactDetails(text)) {
            errors.add(Problem.FieldError.atPointer(pointer, FreeText.CONTACT_DETAILS + ": use the contact fields, for a service's "
                    + "contact point"));
        }
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
