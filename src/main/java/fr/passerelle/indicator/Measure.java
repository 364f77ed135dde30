package fr.passerelle.indicator;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The published measures: the six indicators of the convention's annex sheet (some with
 * companion measures), the context population and the first-contact delay. The definitions
 * are written out in the README and the contract (tag Indicators, {@code openapi/tag-indicators.md}); each
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
            "Delay: Missions Locales solicited in the year that had a first contact, with the median days from solicitation to first contact");

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

    boolean existsAt(Level level) {
        return level != Level.MISSION_LOCALE || missionLocaleLevel;
    }

    /** Young people are counted once per year and scope; interviews and solicitations each count. */
    boolean distinctYoungPeople() {
        return unit == CountingUnit.YOUNG_PERSON;
    }
}
