package fr.passerelle.platform.database;

/** LIKE patterns built from what a user typed, which must match as typed. */
public final class Like {

    private Like() {
    }

    /** The text as a LIKE pattern matching itself (backslash being the escape): the escape character first, then the wildcards. */
    public static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
