package fr.passerelle.indicator;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import fr.passerelle.platform.web.Csv;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The CSV and printable (PDF) forms of a progress review. The PDF is rendered from a Qute template
 * by openhtmltopdf with the standard PDF fonts, so French text sticks to their character set
 * (numbers are grouped with no-break spaces, never narrow ones).
 */
@ApplicationScoped
public class ProgressReviewDocuments {

    static final List<String> CSV_COLUMNS = List.of("year", "departementCode", "view", "section", "indicator", "measure", "unit",
            "value", "masked", "previousValue", "previousMasked", "change", "rateDenominator", "ratePercent", "rateMasked",
            "nationalRatePercent", "nationalRateMasked");
    private static final String MASKED = "masqué";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRANCE);

    /** One printed row: a measure's label and its figures, formatted in French. */
    @TemplateData
    public record PrintedLine(String label, String value, String previous, String change, String rate, String nationalRate) {
    }

    /** A local convention as printed. */
    @TemplateData
    public record PrintedConvention(String title, String period, String status, boolean inForceOn31December) {
    }

    private final Template template;

    public ProgressReviewDocuments(@Location("progress-review.html") Template template) {
        this.template = template;
    }

    String csv(ProgressReview review) {
        StringBuilder out = new StringBuilder();
        Csv.appendRow(out, CSV_COLUMNS);
        for (ProgressReview.Line line : review.lines()) {
            ProgressReview.RateComparison rate = line.rate();
            IndicatorTable.Cell previous = line.previousValue();
            Csv.appendRow(out, Arrays.asList(review.year(), review.departementCode(), review.view(), line.section(), line.indicator(),
                    line.measure(), line.unit(), line.value().value(), line.value().masked(),
                    previous == null ? null : previous.value(), previous == null ? null : previous.masked(), line.change(),
                    rate == null ? null : rate.denominator(), rate == null ? null : plain(rate.percent()),
                    rate == null ? null : rate.masked(), rate == null ? null : plain(rate.nationalPercent()),
                    rate == null ? null : rate.nationalMasked()));
        }
        ProgressReview.Delay delay = review.firstContactDelay();
        Csv.appendRow(out, Arrays.asList(review.year(), review.departementCode(), review.view(), Measure.Section.DELAY, null,
                Measure.FIRST_CONTACT_DELAY, CountingUnit.SOLICITATION, delay.solicitations().value(), delay.solicitations().masked(),
                null, null, null, null, null, null, null, null));
        IndicatorTable.Statistic previousMedian = delay.previousMedianDays();
        Csv.appendRow(out, Arrays.asList(review.year(), review.departementCode(), review.view(), Measure.Section.DELAY, null,
                Measure.FIRST_CONTACT_DELAY, CountingUnit.DAY, plain(delay.medianDays().value()), delay.medianDays().masked(),
                previousMedian == null ? null : plain(previousMedian.value()), previousMedian == null ? null : previousMedian.masked(),
                null, null, null, null, null, null));
        return out.toString();
    }

    byte[] pdf(ProgressReview review) {
        String html = template
                .data("exact", review.view() == IndicatorTable.View.EXACT)
                .data("threshold", review.maskingThreshold())
                .data("provisional", review.provisional())
                .data("year", Integer.toString(review.year()))
                .data("previousYear", Integer.toString(review.year() - 1))
                .data("title", "Bilan d'étape " + review.year() + " - " + review.departementName() + " (" + review.departementCode() + ")")
                .data("asOf", DATE.format(review.asOf()))
                .data("indicators", printed(review, Measure.Section.INDICATOR))
                .data("context", printed(review, Measure.Section.CONTEXT))
                .data("territorial", printed(review, Measure.Section.TERRITORIAL))
                .data("delayCount", cell(review.firstContactDelay().solicitations()))
                .data("delayMedian", days(review.firstContactDelay().medianDays()))
                .data("delayPreviousMedian", review.firstContactDelay().previousMedianDays() == null ? "-"
                        : days(review.firstContactDelay().previousMedianDays()))
                .data("conventions", review.localConventions().stream().map(convention -> new PrintedConvention(convention.title(),
                        "du " + DATE.format(convention.startsOn()) + (convention.endsOn() == null ? ", sans terme"
                                : " au " + DATE.format(convention.endsOn())),
                        switch (convention.status()) {
                            case SIGNED -> "signée";
                            case TERMINATED -> "résiliée";
                            case DRAFT -> "en projet";
                        }, convention.inForceOn31December())).toList())
                .render();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<PrintedLine> printed(ProgressReview review, Measure.Section section) {
        List<PrintedLine> lines = new ArrayList<>();
        for (ProgressReview.Line line : review.lines()) {
            if (line.section() != section) {
                continue;
            }
            ProgressReview.RateComparison rate = line.rate();
            lines.add(new PrintedLine(line.label(), cell(line.value()), line.previousValue() == null ? "-" : cell(line.previousValue()),
                    line.change() == null ? "-" : (line.change() > 0 ? "+" : "") + number(line.change()),
                    rate == null ? "" : percent(rate.percent(), rate.masked()),
                    rate == null ? "" : percent(rate.nationalPercent(), rate.nationalMasked())));
        }
        return lines;
    }

    private static String cell(IndicatorTable.Cell cell) {
        return cell.masked() ? MASKED : number(cell.value());
    }

    private static String days(IndicatorTable.Statistic statistic) {
        if (statistic.masked()) {
            return MASKED;
        }
        return statistic.value() == null ? "-" : decimal(statistic.value()) + " j";
    }

    private static String percent(BigDecimal value, boolean masked) {
        if (masked) {
            return MASKED;
        }
        return value == null ? "-" : decimal(value) + "\u00a0%";
    }

    private static String number(long value) {
        return format("#,##0").format(value);
    }

    private static String decimal(BigDecimal value) {
        return format("#,##0.0").format(value);
    }

    private static DecimalFormat format(String pattern) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.FRANCE);
        symbols.setGroupingSeparator('\u00a0');
        symbols.setDecimalSeparator(',');
        symbols.setMinusSign('-');
        return new DecimalFormat(pattern, symbols);
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
