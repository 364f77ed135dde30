package fr.passerelle.practice;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A good-practice sheet: who wrote it, where it stands in moderation, and which of its versions is published. */
@Entity
@Table(name = "practice_sheet")
public class PracticeSheet {

    @Id
    UUID id;

    String authorKind;

    String authorId;

    @Enumerated(EnumType.STRING)
    PracticeStatus status;

    int latestVersion;

    Integer publishedVersion;

    @Version
    long version;

    Instant createdAt;

    Instant updatedAt;
}
