package fr.passerelle.practice;

import fr.passerelle.offer.Theme;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One version of a sheet, as its author wrote it. Never changed once written, except the date it was published. */
@Entity
@Table(name = "practice_sheet_version")
@IdClass(PracticeSheetVersion.Key.class)
public class PracticeSheetVersion {

    /** The composite key. */
    public static class Key implements Serializable {
        UUID sheetId;
        int number;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.sheetId.equals(sheetId) && key.number == number;
        }

        @Override
        public int hashCode() {
            return sheetId.hashCode() * 31 + number;
        }
    }

    @Id
    UUID sheetId;

    @Id
    int number;

    String title;

    @Enumerated(EnumType.STRING)
    Theme theme;

    String summary;

    String results;

    @JdbcTypeCode(SqlTypes.ARRAY)
    String[] departementCodes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    String[] partners;

    String contactOrganisation;

    @JdbcTypeCode(SqlTypes.JSON)
    String attachments;

    String editedByKind;

    String editedById;

    Instant createdAt;

    Instant publishedAt;
}
