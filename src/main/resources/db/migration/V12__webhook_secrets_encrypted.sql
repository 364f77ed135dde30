-- Webhook signing secrets are encrypted at rest (AES-GCM, with a key from a Kubernetes Secret that the
-- database never sees). Each row names the key it was encrypted with, so that keys can be rotated:
-- new secrets use the current key, older rows are decrypted with theirs until the re-encryption job
-- moves them to the current one. The clear-text secrets of existing rows cannot be encrypted here
-- (the key is not in the database): they stay in legacy_secret until that job, which runs on every
-- replica shortly after start-up, encrypts them and erases the clear text.
alter table webhook_subscription rename column secret to legacy_secret;
alter table webhook_subscription alter column legacy_secret drop not null;
alter table webhook_subscription add column secret_key_id varchar(32);
alter table webhook_subscription add column secret_ciphertext varchar(200);
alter table webhook_subscription add constraint webhook_subscription_secret_stored check (
    (secret_key_id is null) = (secret_ciphertext is null)
    and (secret_key_id is null) = (legacy_secret is not null));
create index webhook_subscription_by_secret_key on webhook_subscription (secret_key_id);
