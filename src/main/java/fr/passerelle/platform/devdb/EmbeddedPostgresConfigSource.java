package fr.passerelle.platform.devdb;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Serves the coordinates of the embedded server, starting it on the first lookup: the application
 * connects as the restricted application role, migrations as the owner, as in production. Its
 * ordinal sits above application.properties and below environment variables and system
 * properties, so any explicitly configured database wins.
 */
final class EmbeddedPostgresConfigSource implements ConfigSource {

    static final int ORDINAL = 260;
    private static final Map<String, String> PROPERTIES = Map.of(
            EmbeddedPostgresConfigSourceFactory.URL_PROPERTY, "url",
            "quarkus.datasource.username", "appUser",
            "quarkus.datasource.password", "appPassword",
            "quarkus.flyway.jdbc-url", "url",
            "quarkus.flyway.username", "ownerUser",
            "quarkus.flyway.password", "ownerPassword");

    private final EmbeddedPostgresServer.Mode mode;

    EmbeddedPostgresConfigSource(EmbeddedPostgresServer.Mode mode) {
        this.mode = mode;
    }

    @Override
    public Set<String> getPropertyNames() {
        return PROPERTIES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        String key = PROPERTIES.get(propertyName);
        return key == null ? null : EmbeddedPostgresServer.coordinates(mode).get(key);
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
