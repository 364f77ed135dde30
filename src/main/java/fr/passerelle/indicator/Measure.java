package fr.passerelle.indicator;

import fr.passerelle.pathway.EventData;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The published measures: the six indicators of the convention's annex sheet (some with
 * companion measures), the context population, the first-contact delay and the territorial
 * reporting measures. The definitions are written out in the README and the contract (tag
 * Indicators, {@code openapi/tag-indicators.md}); each
 * constant's description is the short form.
 */
@Schema(name = "IndicatorMeasure", description = "See the Indicators section of the API description for the exact definitions")
public enum Measure {
    SOLICITED(1, CountingUnit.YOUNG_PERSON, true, true,
            "Young people for whom the département solicited a Mission Locale (solicitation dated in the year)"),
    JOINT_INTERVIEWS(2, CountingUnit.INTERVIEW, true, true,
            "17-year interviews held in binôme in the year, attested by the département and the Mission Locale"),
    JOINT_INTERVIEWS_AWAITING_CONFIRMATION(2, CountingUnit.INTERVIEW, true, true,
            "Binôme interviews of the year not yet confirmed by the Mission Locale (not counted in indicator 2)"),
    JOINT_INTERVIEWS_DISPUTED(2, CountingUnit.INTERVIEW, true, true,
            "Binôme interviews of the year disputed by either side (not counted in indicator 2)"),
    ORIENTATION_DIAGNOSED(3, CountingUnit.YOUNG_PERSON, true, true,
            "Young people who had an orientation diagnostic by a Mission Locale counsellor in the year"),
    REGISTERED(4, CountingUnit.YOUNG_PERSON, true, true,
            "Young people registered at a Mission Locale for follow-up during the year"),
    FOLLOWED_ON_31_DECEMBER(4, CountingUnit.YOUNG_PERSON, true, true,
            "Young people registered at a Mission Locale and still followed by it on 31 December"),
    JOINT_AUTONOMY_PROJECTS(5, CountingUnit.YOUNG_PERSON, true, true,
            "Young people whose autonomy project was elaborated or updated jointly in the year, attested by both sides"),
    JOINT_AUTONOMY_PROJECTS_AWAITING_CONFIRMATION(5, CountingUnit.YOUNG_PERSON, true, true,
            "Young people with a joint autonomy project of the year awaiting the Mission Locale's confirmation only"),
    JOINT_AUTONOMY_PROJECTS_DISPUTED(5, CountingUnit.YOUNG_PERSON, true, true,
            "Young people whose only joint autonomy projects of the year are disputed"),
    CEJ_BENEFICIARIES(6, CountingUnit.YOUNG_PERSON, true, true,
            "Young people who were Contrat d'Engagement Jeune beneficiaries on at least one day of the year"),
    CEJ_ENTRIES(6, CountingUnit.YOUNG_PERSON, true, true,
            "Young people who entered the Contrat d'Engagement Jeune during the year"),
    ASE_YOUNG_PEOPLE_ON_31_DECEMBER(null, CountingUnit.YOUNG_PERSON, false, true,
            "Context: young people aged 16 to 25 on 31 December with ASE support recorded by then, by ASE status that day"),
    FIRST_CONTACT_DELAY(null, CountingUnit.SOLICITATION, true, false,
            "Delay: Missions Locales solicited in the year that had a first contact, with the median days from solicitation to first contact"),
    IN_TRAINING_ON_31_DECEMBER(null, CountingUnit.YOUNG_PERSON, true, true,
            "Territorial: young people followed on 31 December whose latest situation that day is education, training or work-study"),
    IN_EMPLOYMENT_ON_31_DECEMBER(null, CountingUnit.YOUNG_PERSON, true, true,
            "Territorial: young people followed on 31 December whose latest situation that day is employment"),
    IN_CEJ_ON_31_DECEMBER(null, CountingUnit.YOUNG_PERSON, true, true,
            "Territorial: young people followed on 31 December who are in the Contrat d'Engagement Jeune that day"),
    HANDOVER_CO_INTERVENTION(null, CountingUnit.YOUNG_PERSON, true, true,
            "Territorial: young people for whom a co-intervention was decided in the year"),
    HANDOVER_RELAY(null, CountingUnit.YOUNG_PERSON, true, true,
            "Territorial: young people for whom a relay handover (passage de relais) was decided in the year"),
    SOLICITED_NEVER_REACHED(null, CountingUnit.YOUNG_PERSON, true, true,
            "Territorial: young people with a Mission Locale first solicited in the year that has recorded neither a first contact nor a registration"),
    ASE_EXITS(null, CountingUnit.YOUNG_PERSON, false, true,
            "Territorial: young people whose ASE support ended in the year (not for a transfer to another collectivity)"),
    LEFT_WITHOUT_SOLUTION(null, CountingUnit.YOUNG_PERSON, false, true,
            "Territorial: young people who left ASE in the year neither followed by a Mission Locale, nor in the CEJ, nor in education, "
                    + "training or employment on their exit date"),
    FRAGILITY_ASSESSED(null, CountingUnit.YOUNG_PERSON, true, true,
            "Territorial: young people whose fragilities were assessed in the year"),
    NEED_MOBILITY(null, CountingUnit.YOUNG_PERSON, true, true, "Territorial: young people with a mobility need identified in the year"),
    NEED_HOUSING(null, CountingUnit.YOUNG_PERSON, true, true, "Territorial: young people with a housing need identified in the year"),
    NEED_HEALTH(null, CountingUnit.YOUNG_PERSON, true, true, "Territorial: young people with a health need identified in the year"),
    NEED_TRAINING(null, CountingUnit.YOUNG_PERSON, true, true, "Territorial: young people with a training need identified in the year"),
    NEED_CITIZENSHIP(null, CountingUnit.YOUNG_PERSON, true, true,
            "Territorial: young people with a citizenship need identified in the year"),
    NEED_FAMILY_SITUATION(null, CountingUnit.YOUNG_PERSON, true, true,
            "Territorial: young people with a family-situation fragility identified in the year"),
    NEED_CHILD_OF_MINIMUM_INCOME_BENEFICIARY(null, CountingUnit.YOUNG_PERSON, true, true,
            "Territorial: young people identified in the year as the child of a minimum-income beneficiary"),
    NEED_OTHER(null, CountingUnit.YOUNG_PERSON, true, true, "Territorial: young people with another fragility identified in the year"),
    RIGHTS_INFORMED(null, CountingUnit.YOUNG_PERSON, true, true, "Territorial: young people informed of their rights in the year"),
    ELIGIBILITY_CHECKED(null, CountingUnit.YOUNG_PERSON, true, true,
            "Territorial: young people whose eligibility to common-law schemes was checked in the year"),
    TRAINING_OBLIGATION_REPORTED(null, CountingUnit.YOUNG_PERSON, true, true,
            "Territorial: young people a Mission Locale reported to the collectivity in the year for the training obligation (16-17 NEET)");

    /** What a measure is published for. */
    @Schema(name = "MeasureSection", description = "INDICATOR: one of the six indicators or a companion; CONTEXT: the "
            + "population rates relate to; DELAY: the first-contact delay; TERRITORIAL: territorial reporting")
    public enum Section {
        INDICATOR,
        CONTEXT,
        DELAY,
        TERRITORIAL
    }

    private final Integer indicator;
    private final CountingUnit unit;
    private final boolean missionLocaleLevel;
    private final boolean breakdown;
    private final String description;

    Measure(Integer indicator, CountingUnit unit, boolean missionLocaleLevel, boolean breakdown, String description) {
        this.indicator = indicator;
        this.unit = unit;
        this.missionLocaleLevel = missionLocaleLevel;
        this.breakdown = breakdown;
        this.description = description;
    }

    /** The number of the convention's indicator (1 to 6); null for the context and delay measures. */
    public Integer indicator() {
        return indicator;
    }

    public CountingUnit unit() {
        return unit;
    }

    /** Whether the measure exists at the Mission Locale level. */
    public boolean missionLocaleLevel() {
        return missionLocaleLevel;
    }

    /** Whether the measure is broken down by ASE status and age band. */
    public boolean breakdown() {
        return breakdown;
    }

    public String description() {
        return description;
    }

    /** The measure's name in French, for people reading the dashboard or a printed review. */
    public String label() {
        return switch (this) {
            case SOLICITED -> "Jeunes pour qui une Mission Locale a été sollicitée";
            case JOINT_INTERVIEWS -> "Entretiens des 17 ans tenus en binôme";
            case JOINT_INTERVIEWS_AWAITING_CONFIRMATION -> "Entretiens en binôme en attente de confirmation";
            case JOINT_INTERVIEWS_DISPUTED -> "Entretiens en binôme contestés";
            case ORIENTATION_DIAGNOSED -> "Jeunes ayant eu un diagnostic d'orientation";
            case REGISTERED -> "Jeunes inscrits en Mission Locale";
            case FOLLOWED_ON_31_DECEMBER -> "Jeunes accompagnés par une Mission Locale au 31 décembre";
            case JOINT_AUTONOMY_PROJECTS -> "Jeunes avec un projet d'accès à l'autonomie conjoint";
            case JOINT_AUTONOMY_PROJECTS_AWAITING_CONFIRMATION -> "Projets d'autonomie conjoints en attente de confirmation";
            case JOINT_AUTONOMY_PROJECTS_DISPUTED -> "Projets d'autonomie conjoints contestés";
            case CEJ_BENEFICIARIES -> "Jeunes bénéficiaires du Contrat d'Engagement Jeune";
            case CEJ_ENTRIES -> "Jeunes entrés en Contrat d'Engagement Jeune";
            case ASE_YOUNG_PEOPLE_ON_31_DECEMBER -> "Jeunes de 16 à 25 ans connus de l'ASE au 31 décembre";
            case FIRST_CONTACT_DELAY -> "Sollicitations suivies d'un premier contact";
            case IN_TRAINING_ON_31_DECEMBER -> "Jeunes accompagnés en formation au 31 décembre";
            case IN_EMPLOYMENT_ON_31_DECEMBER -> "Jeunes accompagnés en emploi au 31 décembre";
            case IN_CEJ_ON_31_DECEMBER -> "Jeunes accompagnés en CEJ au 31 décembre";
            case HANDOVER_CO_INTERVENTION -> "Jeunes en co-intervention";
            case HANDOVER_RELAY -> "Jeunes en passage de relais";
            case SOLICITED_NEVER_REACHED -> "Jeunes sollicités jamais joints par la Mission Locale";
            case ASE_EXITS -> "Jeunes sortis de l'ASE";
            case LEFT_WITHOUT_SOLUTION -> "Jeunes sortis de l'ASE sans solution";
            case FRAGILITY_ASSESSED -> "Jeunes ayant eu un repérage des fragilités";
            case NEED_MOBILITY -> "Besoin identifié : mobilité";
            case NEED_HOUSING -> "Besoin identifié : logement";
            case NEED_HEALTH -> "Besoin identifié : santé";
            case NEED_TRAINING -> "Besoin identifié : formation";
            case NEED_CITIZENSHIP -> "Besoin identifié : citoyenneté";
            case NEED_FAMILY_SITUATION -> "Besoin identifié : situation familiale";
            case NEED_CHILD_OF_MINIMUM_INCOME_BENEFICIARY -> "Besoin identifié : enfant de bénéficiaire de minima sociaux";
            case NEED_OTHER -> "Besoin identifié : autre";
            case RIGHTS_INFORMED -> "Jeunes informés de leurs droits";
            case ELIGIBILITY_CHECKED -> "Jeunes dont l'éligibilité aux dispositifs a été vérifiée";
            case TRAINING_OBLIGATION_REPORTED -> "Jeunes signalés au titre de l'obligation de formation";
        };
    }

    public Section section() {
        if (indicator != null) {
            return Section.INDICATOR;
        }
        return switch (this) {
            case ASE_YOUNG_PEOPLE_ON_31_DECEMBER -> Section.CONTEXT;
            case FIRST_CONTACT_DELAY -> Section.DELAY;
            default -> Section.TERRITORIAL;
        };
    }

    /** The measure counting young people with that need identified by a fragility assessment. */
    static Measure need(EventData.FragilityCriterion criterion) {
        return valueOf("NEED_" + criterion.name());
    }

    boolean existsAt(Level level) {
        return level != Level.MISSION_LOCALE || missionLocaleLevel;
    }

    /** Young people are counted once per year and scope; interviews and solicitations each count. */
    boolean distinctYoungPeople() {
        return unit == CountingUnit.YOUNG_PERSON;
    }
}
