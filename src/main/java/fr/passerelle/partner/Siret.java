package fr.passerelle.partner;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A SIRET: 14 digits passing the Luhn check. La Poste's establishments (SIREN 356000000) are the
 * documented exception: their digits add up to a multiple of 5 instead, except the head office,
 * which INSEE numbered with the Luhn check like any other.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Siret.Validator.class)
public @interface Siret {

    String message() default "must be 14 digits with a valid check digit (SIRET)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Siret, String> {

        private static final String LA_POSTE_SIREN = "356000000";
        private static final String LA_POSTE_HEAD_OFFICE = "35600000000048";

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isValid(value);
        }

        public static boolean isValid(String siret) {
            // ASCII only: Character.isDigit also accepts other scripts' digits, which the database refuses.
            if (siret.length() != 14 || !siret.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            if (siret.startsWith(LA_POSTE_SIREN) && !siret.equals(LA_POSTE_HEAD_OFFICE)) {
                return siret.chars().map(c -> c - '0').sum() % 5 == 0;
            }
            int sum = 0;
            for (int i = 0; i < 14; i++) {
                int digit = siret.charAt(13 - i) - '0';
                if (i % 2 == 1) {
                    digit *= 2;
                    if (digit > 9) {
                        digit -= 9;
                    }
                }
                sum += digit;
            }
            return sum % 10 == 0;
        }
    }
}
