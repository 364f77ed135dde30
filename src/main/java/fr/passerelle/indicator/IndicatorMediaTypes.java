package fr.passerelle.indicator;

import fr.passerelle.platform.web.Csv;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Content negotiation between JSON (the default) and CSV. */
final class IndicatorMediaTypes {

    private static final MediaType CSV = MediaType.valueOf(Csv.MEDIA_TYPE);

    private IndicatorMediaTypes() {
    }

    /** True when the most preferred acceptable type is CSV; a wildcard means JSON. */
    static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType()) {
                return false;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (type.isCompatible(CSV)) {
                return true;
            }
        }
        return false;
    }

    static Response csv(String body, String filename) {
        return Response.ok(body, Csv.MEDIA_TYPE_UTF8)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
