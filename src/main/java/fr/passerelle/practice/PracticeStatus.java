package fr.passerelle.practice;

/** Where a sheet stands in moderation: written, then published by the platform operator, then archived by it. */
public enum PracticeStatus {
    DRAFT,
    PUBLISHED,
    ARCHIVED
}
