package fr.passerelle.platform.web;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a CSV import did with one line; every import reports these, and counts them the same way. */
@Schema(name = "ImportOutcome", description = "What the import did with the line")
public enum ImportOutcome {
    CREATED,
    UPDATED,
    UNCHANGED;

    /** How many of the outcomes are this one. */
    public int in(List<ImportOutcome> outcomes) {
        return (int) outcomes.stream().filter(outcome -> outcome == this).count();
    }
}
