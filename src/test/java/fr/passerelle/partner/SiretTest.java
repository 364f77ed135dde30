package fr.passerelle.partner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiretTest {

    @ParameterizedTest
    @ValueSource(strings = {"73282932000074", "44306184100047"})
    void aSiretWithAValidLuhnCheckDigitIsValid(String siret) {
        assertTrue(Siret.Validator.isValid(siret));
    }

    @Test
    void aWrongCheckDigitIsRefused() {
        assertFalse(Siret.Validator.isValid("73282932000075"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7328293200007", "732829320000740", "732 829 320 00074"})
    void aSiretMustHaveExactlyFourteenDigits(String siret) {
        assertFalse(Siret.Validator.isValid(siret));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7328293200007A", "MONACOCONFO001", "-3282932000074"})
    void lettersAndSignsAreRefused(String siret) {
        assertFalse(Siret.Validator.isValid(siret));
    }

    @Test
    void digitsOfOtherScriptsAreRefusedEvenWhenTheirCodePointsPassTheLuhnCheck() {
        // U+0666 ARABIC-INDIC DIGIT SIX weighs like '0' in a naive check (its code point minus '0' ends in 0).
        assertFalse(Siret.Validator.isValid("73282932000\u066674"));
    }

    @Test
    void laPosteEstablishmentsOnlyNeedADigitSumThatIsAMultipleOfFive() {
        // 3+5+6+1 = 15, and the Luhn check fails: only La Poste's rule can accept it.
        assertTrue(Siret.Validator.isValid("35600000000001"));
        assertFalse(Siret.Validator.isValid("35600000000002"));
    }

    @Test
    void laPosteHeadOfficeIsValidAlthoughItsDigitSumIsNotAMultipleOfFive() {
        // INSEE: the head office is the one La Poste SIRET that follows the Luhn formula (sum 26).
        assertTrue(Siret.Validator.isValid("35600000000048"));
    }

    @Test
    void theBeanValidationConstraintLeavesNullToNotNull() {
        assertTrue(new Siret.Validator().isValid(null, null));
        assertFalse(new Siret.Validator().isValid("73282932000075", null));
    }
}
