package fr.passerelle.indicator;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Age in full years on the date that places a unit in its year (Europe/Paris calendar). */
@Schema(name = "AgeBand", description = "Age on the date that counts: 16-17, 18-20 or 21-25")
public enum AgeBand {
    FROM_16_TO_17,
    FROM_18_TO_20,
    FROM_21_TO_25;

    static AgeBand of(int age) {
        if (age <= 17) {
            return FROM_16_TO_17;
        }
        return age <= 20 ? FROM_18_TO_20 : FROM_21_TO_25;
    }
}
