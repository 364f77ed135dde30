package fr.passerelle.indicator;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The young person's ASE situation on the date that places a unit in its year: placed
 * (accueilli), followed at home, or left ASE. After the 21st birthday ASE support has ended,
 * whatever was recorded. UNKNOWN when no ASE support was recorded on or before that date.
 */
@Schema(name = "AseStatusBand", description = "ASE situation on the date that counts: ACCUEILLI (placed), A_DOMICILE "
        + "(followed at home), EXITED (left ASE, or past the 21st birthday), UNKNOWN (no ASE support recorded by then)")
public enum AseStatusBand {
    ACCUEILLI,
    A_DOMICILE,
    EXITED,
    UNKNOWN
}
