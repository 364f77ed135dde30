package fr.passerelle.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

    @Test
    void decodesTheKeysItEncoded() {
        String cursor = Cursor.encode("Mission Locale de l'Agglomération", "0a6b47ad-4b41-4a0e-aed1-ae06c8490571");
        assertEquals(List.of("Mission Locale de l'Agglomération", "0a6b47ad-4b41-4a0e-aed1-ae06c8490571"),
                Cursor.decode(cursor, 2));
    }

    @Test
    void keysMayHoldAnyCharacterIncludingSeparators() {
        List<String> keys = List.of("a\u001fb.c,d=", "", "\u001f");
        assertEquals(keys, Cursor.decode(Cursor.encode(keys.toArray(String[]::new)), 3));
    }

    @Test
    void theCursorIsUrlSafe() {
        String cursor = Cursor.encode("???>>>~~~", "ÿÿÿ");
        assertEquals(cursor, URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage!", "Zm9v", "Zm9v.YmFy.YmF6", "Zm9v.***"})
    void anythingElseIsABadCursorParameter(String cursor) {
        ApiException e = assertThrows(ApiException.class, () -> Cursor.decode(cursor, 2));
        assertEquals(ProblemType.MALFORMED_REQUEST, e.type());
        assertEquals(List.of(Problem.FieldError.atParameter("cursor", "not a cursor issued by this service")), e.errors());
    }

    @Test
    void aCursorWithAnotherNumberOfKeysIsRefused() {
        assertThrows(ApiException.class, () -> Cursor.decode(Cursor.encode("a", "b", "c"), 2));
    }
}
