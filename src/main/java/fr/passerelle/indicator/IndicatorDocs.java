package fr.passerelle.indicator;

/** Texts of the contract, shared by the operations. */
final class IndicatorDocs {

    static final String DEFINITIONS = """
            Figures for one calendar year and one scope. Every definition below is also in the description of the tag Indicators \
            and in the README.

            **Common rules.** A unit belongs to year Y when its date, a Europe/Paris calendar date (a CloudEvent's `time` \
            converted to Paris time, e.g. 23:30 on 31 December Paris time is 31 December), falls between 1 January and \
            31 December Y. Only effective steps count: a retracted step never counts, a corrected step counts with its \
            corrected date and data, and a late event (recorded after its year) counts in the year of its date. Live \
            figures always reflect every event known now; frozen reports never change. The population is every young \
            person registered by a collectivity (ASE young people registered from 16; steps are dated from the 16th \
            birthday); young people who left ASE stay in it (status EXITED). \
            A step recorded by a collectivity (solicitation, interview, autonomy project) counts for that collectivity; \
            a step recorded by a Mission Locale, and a situation on a date (followed on 31 December, CEJ, context), \
            counts for the collectivity that owns the pathway on that date (the registering one, then from a transfer's \
            date the receiving one). A region counts what its collectivities count; the nation counts each young person \
            once even when two collectivities count them. At the Mission Locale level: the Mission Locale solicited (1, \
            delay), taking part in the binôme (2), recording the step (3, 4, 6), or named in the joint project (5). \
            YOUNG_PERSON measures count a young person at most once per year and scope; the breakdown (ASE status, age \
            band) is taken on the date of their first counted unit of the year in that scope. \
            A joint step (binôme interview, joint autonomy project) counts once attested by both sides: the collectivity \
            attests by recording it, the Mission Locale by confirming it. Until then it is published as awaiting \
            confirmation; disputed by either side, it is published as disputed and does not count.

            1. `SOLICITED`: young people for whom the collectivity recorded a solicitation of a Mission Locale dated in \
            the year. Solicited twice, or two Missions Locales: counted once.
            2. `JOINT_INTERVIEWS`: 17-year interviews and pathway reviews (initial or renewed) dated in the year, held in \
            binôme (a Mission Locale counsellor took part) and attested by both sides. Unit: the interview. Also \
            `JOINT_INTERVIEWS_AWAITING_CONFIRMATION` and `JOINT_INTERVIEWS_DISPUTED`.
            3. `ORIENTATION_DIAGNOSED`: young people with an orientation diagnostic by a Mission Locale counsellor dated \
            in the year.
            4. `REGISTERED`: young people with a registration at a Mission Locale dated in the year; \
            `FOLLOWED_ON_31_DECEMBER`: young people registered at a Mission Locale on or before 31 December whose pathway \
            is still shared with it at the end of that day (no end of sharing, no withdrawal of consent since its latest \
            solicitation), aged 25 or less. For the current year: the situation as recorded today.
            5. `JOINT_AUTONOMY_PROJECTS`: young people whose autonomy project (PAA) was elaborated or updated jointly \
            with a Mission Locale counsellor at a date in the year, attested by both sides. A young person appears in at \
            most one of this measure, `JOINT_AUTONOMY_PROJECTS_AWAITING_CONFIRMATION` and \
            `JOINT_AUTONOMY_PROJECTS_DISPUTED`, in that order of precedence.
            6. `CEJ_BENEFICIARIES`: young people in the Contrat d'Engagement Jeune on at least one day of the year (from \
            the entry date to the exit date included; without exit, to the day before the 26th birthday); a transfer \
            during the CEJ counts them for both collectivities. `CEJ_ENTRIES`: young people entering the CEJ in the year.

            Context `ASE_YOUNG_PEOPLE_ON_31_DECEMBER`: young people aged 16 to 25 on 31 December with ASE support \
            recorded on or before that day, by ASE status that day, for the collectivity owning the pathway that day (the \
            denominator for rates). Delay `FIRST_CONTACT_DELAY`: for each Mission Locale solicited for a young person \
            whose first solicitation of that Mission Locale is dated in the year and who had a first contact with it, \
            the days from that solicitation to the earliest first contact (0 if recorded earlier); the count of such \
            solicitations and their median.

            **Territorial reporting** (young people, same rules): `IN_TRAINING_ON_31_DECEMBER`, \
            `IN_EMPLOYMENT_ON_31_DECEMBER`, `IN_CEJ_ON_31_DECEMBER` (followed on 31 December and, that day, in education, \
            training or work-study / in employment by their latest situation update or CEJ exit outcome / in the CEJ); \
            `HANDOVER_CO_INTERVENTION`, `HANDOVER_RELAY` (a handover of that mode decided in the year); \
            `SOLICITED_NEVER_REACHED` (a Mission Locale first solicited in the year that has recorded neither first contact \
            nor registration); `ASE_EXITS` (ASE support ended in the year, not for a transfer) and `LEFT_WITHOUT_SOLUTION` \
            (among them, neither followed by a Mission Locale, nor in the CEJ, nor in training or employment at the end of \
            the exit date); `FRAGILITY_ASSESSED` and one `NEED_<criterion>` per fragility criterion found in the year; \
            `RIGHTS_INFORMED`; `ELIGIBILITY_CHECKED`; `TRAINING_OBLIGATION_REPORTED`.

            **Rates**: `rates` gives 100 × numerator total / denominator total, rounded half up to one decimal; the \
            indicators over `ASE_YOUNG_PEOPLE_ON_31_DECEMBER` (ratios that may exceed 100), the situations over \
            `FOLLOWED_ON_31_DECEMBER`, never reached over `SOLICITED`, left without a solution over `ASE_EXITS`. No rate \
            without denominator; in MASKED views a rate is masked when either total is.

            **Access.** A collectivity reads its own figures exactly (level DEPARTEMENT, its code), a Mission Locale \
            its own (level MISSION_LOCALE, its id); any other scope is 403 for them. The reporting role and the \
            platform operator read every level, MASKED. No indicator response ever holds personal data.

            **Small cells** (MASKED views): a count from 1 to the threshold (10 by default) is masked, 0 is shown, and \
            more cells are masked so that no masked count can be rebuilt by subtraction from totals, breakdowns or other \
            levels (see the API description). Mission Locale figures carry no breakdown in MASKED views.

            **Formats.** JSON, or CSV with `Accept: text/csv` (UTF-8, RFC 4180, header row `year,level,code,version,\
            indicator,measure,unit,breakdown,category,value,masked`; one row per cell, a rate being a row with breakdown \
            RATE, unit PERCENT and its denominator as category; a masked cell has an empty value and `masked` true; \
            `version` is empty for live figures).""";

    static final String CSV_EXAMPLE = "year,level,code,version,indicator,measure,unit,breakdown,category,value,masked\r\n"
            + "2025,DEPARTEMENT,33,,1,SOLICITED,YOUNG_PERSON,TOTAL,ALL,42,false\r\n"
            + "2025,DEPARTEMENT,33,,1,SOLICITED,YOUNG_PERSON,ASE_STATUS,ACCUEILLI,30,false\r\n";

    private IndicatorDocs() {
    }
}
