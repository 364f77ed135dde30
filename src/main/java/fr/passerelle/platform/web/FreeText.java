package fr.passerelle.platform.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Checks of free text and links in the partners' directory data (offers, practice sheets), which
 * must hold no personal data: a person's email address or phone number has no place in free text.
 */
public final class FreeText {

    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("(\\+33|\\b0)\\s*[1-9]([\\s.-]?\\d{2}){4}\\b");

    public static final String CONTACT_DETAILS = "must not hold an email address or a phone number";

    private FreeText() {
    }

    public static boolean holdsContactDetails(String text) {
        return text != null && (EMAIL.matcher(text).find() || PHONE.matcher(text).find());
    }

    /** An absolute https URL with a host and no user info. */
    public static boolean isHttpsUrl(String value) {
        try {
            URI uri = new URI(value.trim());
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
