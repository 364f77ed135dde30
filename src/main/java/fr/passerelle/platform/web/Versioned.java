package fr.passerelle.platform.web;

/** A representation with the version its ETag is made from. */
public record Versioned<T>(T value, long version) {

    public String etag() {
        return ETags.of(version);
    }
}
