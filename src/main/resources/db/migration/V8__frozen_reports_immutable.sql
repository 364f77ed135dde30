-- A frozen annual report never changes: a revision is a new version. The application may add
-- versions, never alter or remove one.
revoke update, delete, truncate on indicator_report from ${appRole};
