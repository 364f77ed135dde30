package fr.passerelle.platform.idempotency;

/** A response kept for an Idempotency-Key: status, JSON body, and the ETag and Location headers. */
public record StoredResponse(int status, String body, String etag, String location) {
}
