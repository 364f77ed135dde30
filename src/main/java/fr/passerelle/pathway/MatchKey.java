package fr.passerelle.pathway;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The key that detects a likely duplicate: names without accents, case, spaces, hyphens or
 * apostrophes, and the birth date. "Élodie Le Gall" and "ELODIE LE-GALL" born the same day match.
 */
final class MatchKey {

    private MatchKey() {
    }

    static String of(String firstName, String lastName, LocalDate birthDate) {
        return normalise(lastName) + "|" + normalise(firstName) + "|" + birthDate;
    }

    static String normalise(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
    }
}
