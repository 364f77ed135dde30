package fr.passerelle.pathway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README publishes the event catalogue as {@link EventType} defines it, like the endpoint and the contract. */
class EventCatalogueDocumentationTest {

    private static final String START = "<!-- event-catalogue:start -->\n";
    private static final String END = "<!-- event-catalogue:end -->";

    @Test
    void theReadmeTableIsTheCatalogueOfTheCode() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        String table = start < 0 || end < start ? "" : readme.substring(start + START.length(), end);
        assertEquals(EventTypeDescription.markdownTable(), table,
                "README.md's event catalogue differs from EventType: put the expected table between the markers");
    }

    @Test
    void everyTypeNamesItsVersionAndTheSchemaOfItsData() {
        for (EventTypeDescription entry : EventTypeDescription.catalogue()) {
            assertEquals("fr.passerelle." + entry.type(), entry.cloudEventType());
            assertEquals(entry.type().substring(entry.type().lastIndexOf(".v") + 2), Integer.toString(entry.version()));
            assertEquals("#/components/schemas/" + entry.dataSchema(), entry.dataSchemaRef());
        }
    }
}
