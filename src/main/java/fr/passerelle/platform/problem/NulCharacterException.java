package fr.passerelle.platform.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON string (value or property name) holding the NUL character, which PostgreSQL refuses in
 * any text. Its path is completed by Jackson as it unwinds; {@link #below()} is the part inside a
 * JSON tree read as a whole.
 */
public final class NulCharacterException extends JsonMappingException {

    public static final String DETAIL = "must not hold the NUL character (U+0000)";

    private final String below;

    public NulCharacterException(JsonParser parser, String below) {
        super(parser, "A string " + DETAIL);
        this.below = below;
    }

    /** JSON Pointer of the string below the value Jackson was reading: empty for a plain string. */
    public String below() {
        return below;
    }
}
