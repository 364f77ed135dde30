package fr.passerelle.pathway;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key that detects a likely duplicate: names without accents, case, spaces, hyphens or
 * apostrophes, and the birth date. "Élodie Le Gall" and "ELODIE LE-GALL" born the same day match.
 */
final class MatchKey {

    /** Compiled once: every registration and rectification computes a key. */
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]");

    private MatchKey() {
    }

    static String of(String firstName, String lastName, LocalDate birthDate) {
        return normalise(lastName) + "|" + normalise(firstName) + "|" + birthDate;
    }

    static String normalise(String name) {
        String decomposed = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
        return NOT_ALPHANUMERIC.matcher(decomposed.toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
