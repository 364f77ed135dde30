package fr.passerelle.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";
    public static final String MEDIA_TYPE_UTF8 = "text/csv; charset=UTF-8";
    /** The largest table of figures a CSV answer holds is far below this (a series: 20 years of every cell). */
    public static final int MAX_LENGTH = 10_000_000;

    private Csv() {
    }

    /** A record of a parsed file with the physical line it started on (1 is the first line). */
    public record Row(int line, List<String> fields) {
    }

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /** The cell as written: with a leading {@code '} when a spreadsheet would take it for a formula. */
    public static String neutralised(String text) {
        return formulaLike(text) && !NUMBER.matcher(text).matches() ? "'" + text : text;
    }

    /** A cell read from an import, without the {@code '} an export put before a formula-like value. */
    public static String restored(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && formulaLike(cell.substring(1)) ? cell.substring(1) : cell;
    }

    private static boolean formulaLike(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /** Parses a whole document; a lone trailing line end does not make an empty record. */
    public static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int rowLine = 1;
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < body.length() && body.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                rows.add(new Row(rowLine, List.copyOf(fields)));
                fields.clear();
                field.setLength(0);
                fieldStarted = false;
                line++;
                rowLine = line;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (fieldStarted || !fields.isEmpty() || !field.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }

    /**
     * Writes one record, CRLF-terminated. A text cell a spreadsheet would run as a formula (starting
     * with = + - @, a tab or a carriage return) is written with a leading {@code '}, which spreadsheets
     * show as text (OWASP CSV injection); a number, negative ones included, is written as it is.
     */
    public static void appendRow(StringBuilder out, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values.get(i);
            String text = neutralised(value == null ? "" : value.toString());
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                out.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else {
                out.append(text);
            }
        }
        out.append("\r\n");
    }
}
