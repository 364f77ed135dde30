package fr.passerelle.platform.devdb;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Serves the datasource coordinates of the embedded server, starting it on the first lookup. Its
 * ordinal sits above application.properties and below environment variables and system
 * properties, so any explicitly configured database wins.
 */
final class EmbeddedPostgresConfigSource implements ConfigSource {

    static final int ORDINAL = 260;
    private static final String USERNAME = "quarkus.datasource.username";
    private static final String PASSWORD = "quarkus.datasource.password";
    private static final Set<String> NAMES = Set.of(EmbeddedPostgresConfigSourceFactory.URL_PROPERTY, USERNAME, PASSWORD);

    private final EmbeddedPostgresServer.Mode mode;

    EmbeddedPostgresConfigSource(EmbeddedPostgresServer.Mode mode) {
        this.mode = mode;
    }

    @Override
    public Set<String> getPropertyNames() {
        return NAMES;
    }

    @Override
    public String getValue(String propertyName) {
        if (!NAMES.contains(propertyName)) {
            return null;
        }
        Map<String, String> coordinates = EmbeddedPostgresServer.coordinates(mode);
        return switch (propertyName) {
            case USERNAME -> coordinates.get("username");
            case PASSWORD -> coordinates.get("password");
            default -> coordinates.get("url");
        };
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return "embedded-postgresql";
    }
}
