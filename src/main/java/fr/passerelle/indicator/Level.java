package fr.passerelle.indicator;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The territorial level of a set of figures, and what its {@code code} names. */
@Schema(name = "IndicatorLevel", description = "NATION (code FR), REGION (INSEE region code, COM for the overseas "
        + "collectivities), DEPARTEMENT (collectivity code), MISSION_LOCALE (Mission Locale id)")
public enum Level {
    NATION,
    REGION,
    DEPARTEMENT,
    MISSION_LOCALE;

    /** The code of the single national scope. */
    public static final String NATION_CODE = "FR";
}
