package fr.passerelle.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The published rates: a measure's total over the total of the population it is a part of (or
 * relates to), in percent. The context population of the indicators is the young people supported
 * by ASE on 31 December; the territorial situations relate to the young people followed that day,
 * the never-reached to the solicited, and leaving without a solution to the exits from ASE.
 */
enum Rate {
    SOLICITED(Measure.SOLICITED, Measure.ASE_YOUNG_PEOPLE_ON_31_DECEMBER),
    JOINT_INTERVIEWS(Measure.JOINT_INTERVIEWS, Measure.ASE_YOUNG_PEOPLE_ON_31_DECEMBER),
    ORIENTATION_DIAGNOSED(Measure.ORIENTATION_DIAGNOSED, Measure.ASE_YOUNG_PEOPLE_ON_31_DECEMBER),
    REGISTERED(Measure.REGISTERED, Measure.ASE_YOUNG_PEOPLE_ON_31_DECEMBER),
    FOLLOWED_ON_31_DECEMBER(Measure.FOLLOWED_ON_31_DECEMBER, Measure.ASE_YOUNG_PEOPLE_ON_31_DECEMBER),
    JOINT_AUTONOMY_PROJECTS(Measure.JOINT_AUTONOMY_PROJECTS, Measure.ASE_YOUNG_PEOPLE_ON_31_DECEMBER),
    CEJ_BENEFICIARIES(Measure.CEJ_BENEFICIARIES, Measure.ASE_YOUNG_PEOPLE_ON_31_DECEMBER),
    IN_TRAINING(Measure.IN_TRAINING_ON_31_DECEMBER, Measure.FOLLOWED_ON_31_DECEMBER),
    IN_EMPLOYMENT(Measure.IN_EMPLOYMENT_ON_31_DECEMBER, Measure.FOLLOWED_ON_31_DECEMBER),
    IN_CEJ(Measure.IN_CEJ_ON_31_DECEMBER, Measure.FOLLOWED_ON_31_DECEMBER),
    NEVER_REACHED(Measure.SOLICITED_NEVER_REACHED, Measure.SOLICITED),
    LEFT_WITHOUT_SOLUTION(Measure.LEFT_WITHOUT_SOLUTION, Measure.ASE_EXITS);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Measure numerator;
    private final Measure denominator;

    Rate(Measure numerator, Measure denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    Measure numerator() {
        return numerator;
    }

    Measure denominator() {
        return denominator;
    }

    /** A rate exists at a level where both its measures do (not at the Mission Locale level for the ASE population). */
    boolean existsAt(Level level) {
        return numerator.existsAt(level) && denominator.existsAt(level);
    }

    /** The rate of the denominator that {@code numerator} is among, for a measure that has one. */
    static Rate of(Measure numerator) {
        for (Rate rate : values()) {
            if (rate.numerator == numerator) {
                return rate;
            }
        }
        return null;
    }

    /** 100 × numerator / denominator, rounded half up to one decimal; null when the denominator is 0. */
    static BigDecimal percent(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).multiply(HUNDRED).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
    }
}
