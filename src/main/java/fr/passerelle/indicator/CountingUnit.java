package fr.passerelle.indicator;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What one unit of a measure is. */
@Schema(name = "IndicatorUnit", description = "YOUNG_PERSON: distinct young people, each counted once per year and scope; "
        + "INTERVIEW: 17-year interviews (each one counts); SOLICITATION: a Mission Locale solicited for a young person "
        + "(first solicitation of that Mission Locale); DAY: a number of days; PERCENT: a rate")
public enum CountingUnit {
    YOUNG_PERSON,
    INTERVIEW,
    SOLICITATION,
    DAY,
    PERCENT
}
