package fr.passerelle.offer;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.web.Csv;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Offers as CSV (RFC 4180, UTF-8, header row), the same columns for export and import so that an
 * export, edited, imports back. Lists (audiences, communes, EPCI) are space-separated in one field.
 */
final class OfferCsv {

    static final List<String> COLUMNS = List.of("reference", "title", "description", "theme", "audiences", "minAge", "maxAge",
            "communes", "epcis", "contactService", "contactEmail", "contactPhone", "contactUrl", "validFrom", "validUntil");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** One line of an import, read into a request, or the errors that kept it from being read. */
    record ParsedLine(int line, OfferRequest request) {
    }

    private OfferCsv() {
    }

    static String render(List<OfferView> offers) {
        StringBuilder csv = new StringBuilder();
        Csv.appendRow(csv, COLUMNS);
        for (OfferView offer : offers) {
            Csv.appendRow(csv, List.of(offer.reference(), offer.title(), offer.description(), offer.theme().name(),
                    String.join(" ", offer.audiences().stream().map(Enum::name).toList()), offer.minAge(), offer.maxAge(),
                    String.join(" ", offer.territory().communes()), String.join(" ", offer.territory().epcis()),
                    offer.contact().service(), empty(offer.contact().email()), empty(offer.contact().phone()),
                    empty(offer.contact().url()), offer.validFrom(), offer.validUntil() == null ? "" : offer.validUntil()));
        }
        return csv.toString();
    }

    /** Reads every line; each invalid line adds its errors, with the line number and the column as pointer. */
    static List<ParsedLine> parse(String text, List<Problem.FieldError> errors) {
        List<Csv.Row> rows = Csv.parse(text).stream().filter(row -> !(row.fields().size() == 1 && row.fields().get(0).isBlank())).toList();
        if (rows.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The file is empty; expected the header " + String.join(",", COLUMNS) + ".",
                    List.of(Problem.FieldError.atLine(1, "", "missing header")));
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = rows.get(0).fields();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).trim(), i);
        }
        if (columns.size() != COLUMNS.size() || !columns.keySet().containsAll(COLUMNS)) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The header must name the columns " + String.join(",", COLUMNS)
                    + "; nothing was imported.", List.of(Problem.FieldError.atLine(1, "", "expected columns " + String.join(",", COLUMNS))));
        }
        List<ParsedLine> parsed = new ArrayList<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            if (row.fields().size() != COLUMNS.size()) {
                errors.add(Problem.FieldError.atLine(row.line(), "", "expected " + COLUMNS.size() + " fields, found " + row.fields().size()));
                continue;
            }
            Line line = new Line(row, columns, errors);
            OfferRequest request = line.read();
            if (request != null) {
                parsed.add(new ParsedLine(row.line(), request));
            }
        }
        return parsed;
    }

    /** Reads the fields of one row, noting every error. */
    private static final class Line {
        private final Csv.Row row;
        private final Map<String, Integer> columns;
        private final List<Problem.FieldError> errors;
        private final int before;

        Line(Csv.Row row, Map<String, Integer> columns, List<Problem.FieldError> errors) {
            this.row = row;
            this.columns = columns;
            this.errors = errors;
            this.before = errors.size();
        }

        OfferRequest read() {
            String reference = text("reference", 64, true);
            if (reference != null && !REFERENCE.matcher(reference).matches()) {
                error("reference", "letters, digits and . _ : - only");
            }
            String title = text("title", 200, true);
            String description = text("description", 2000, true);
            Theme theme = enumValue("theme", Theme.class);
            List<Audience> audiences = words("audiences").stream().map(word -> parseEnum("audiences", Audience.class, word)).toList();
            if (audiences.isEmpty()) {
                error("audiences", "required: one or more of " + Arrays.toString(Audience.values()));
            }
            Integer minAge = age("minAge");
            Integer maxAge = age("maxAge");
            List<String> communes = words("communes");
            List<String> epcis = words("epcis");
            String service = text("contactService", 200, true);
            String email = text("contactEmail", 254, false);
            String phone = text("contactPhone", 32, false);
            String url = text("contactUrl", 500, false);
            LocalDate validFrom = date("validFrom", true);
            LocalDate validUntil = date("validUntil", false);
            if (errors.size() > before) {
                return null;
            }
            OfferRequest request = new OfferRequest(reference, title, description, theme, audiences, minAge, maxAge,
                    new OfferRequest.Territory(communes, epcis), new OfferRequest.Contact(service, email, phone, url), validFrom, validUntil);
            for (Problem.FieldError violation : OfferRules.violations(request)) {
                errors.add(Problem.FieldError.atLine(row.line(), column(violation.pointer()), violation.detail()));
            }
            return errors.size() > before ? null : request;
        }

        /** The CSV column of a rule's JSON pointer: /territory/communes/2 is the column communes. */
        private static String column(String pointer) {
            return switch (pointer.replaceAll("/\\d+$", "")) {
                case "/territory", "/territory/communes" -> "/communes";
                case "/territory/epcis" -> "/epcis";
                case "/contact", "/contact/email" -> "/contactEmail";
                case "/contact/phone" -> "/contactPhone";
                case "/contact/url" -> "/contactUrl";
                case "/contact/service" -> "/contactService";
                default -> pointer;
            };
        }

        private String field(String column) {
            return Csv.restored(row.fields().get(columns.get(column))).trim();
        }

        private String text(String column, int max, boolean required) {
            String value = field(column);
            if (value.isEmpty()) {
                if (required) {
                    error(column, "required");
                }
                return null;
            }
            if (value.length() > max) {
                error(column, "at most " + max + " characters");
            }
            return value;
        }

        private List<String> words(String column) {
            String value = field(column);
            return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
        }

        private <E extends Enum<E>> E enumValue(String column, Class<E> type) {
            String value = field(column);
            return value.isEmpty() ? missing(column, type) : parseEnum(column, type, value);
        }

        private <E extends Enum<E>> E missing(String column, Class<E> type) {
            error(column, "required: one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }

        private <E extends Enum<E>> E parseEnum(String column, Class<E> type, String value) {
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                error(column, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
                return null;
            }
        }

        private Integer age(String column) {
            try {
                int age = Integer.parseInt(field(column));
                if (age < 0 || age > 30) {
                    error(column, "must be 0 to 30");
                }
                return age;
            } catch (NumberFormatException e) {
                error(column, "must be an integer");
                return null;
            }
        }

        private LocalDate date(String column, boolean required) {
            String value = field(column);
            if (value.isEmpty()) {
                if (required) {
                    error(column, "required (YYYY-MM-DD)");
                }
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                error(column, "must be a date YYYY-MM-DD");
                return null;
            }
        }

        private void error(String column, String detail) {
            errors.add(Problem.FieldError.atLine(row.line(), "/" + column, detail));
        }
    }

    private static String empty(String value) {
        return value == null ? "" : value;
    }
}
