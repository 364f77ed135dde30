package fr.passerelle.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaIsWrittenAsTextAndReadBack() {
        List<Object> cells = Arrays.asList("=HYPERLINK(\"https://evil.example\")", "+33 5 56", "-x", "@SUM(A1)", "\tcmd", "\rx", "-12",
                "-3.5", 7, "a=b", "");
        StringBuilder out = new StringBuilder();
        Csv.appendRow(out, cells);
        assertEquals("\"'=HYPERLINK(\"\"https://evil.example\"\")\",'+33 5 56,'-x,'@SUM(A1),'\tcmd,\"'\rx\",-12,-3.5,7,a=b,\r\n",
                out.toString());
        List<String> read = Csv.parse(out.toString()).get(0).fields().stream().map(Csv::restored).toList();
        assertEquals(cells.stream().map(String::valueOf).toList(), read);
    }

    @Test
    void splitsUnquotedFieldsOnCommasAndRecordsOnCrlf() {
        assertEquals(List.of(new Csv.Row(1, List.of("a", "b", "")), new Csv.Row(2, List.of("", "c", "d"))),
                Csv.parse("a,b,\r\n,c,d"));
    }

    @Test
    void acceptsBareLineFeedsAsLineEnds() {
        assertEquals(List.of(new Csv.Row(1, List.of("a")), new Csv.Row(2, List.of("b"))), Csv.parse("a\nb\n"));
    }

    @Test
    void quotedFieldsKeepCommasAndLineBreaks() {
        List<Csv.Row> rows = Csv.parse("\"Mission Locale, Nord\",\"two\r\nlines\",x\r\nnext,row\r\n");
        assertEquals(List.of("Mission Locale, Nord", "two\r\nlines", "x"), rows.get(0).fields());
        assertEquals(new Csv.Row(3, List.of("next", "row")), rows.get(1), "the second record starts on physical line 3");
    }

    @Test
    void doubledQuotesInsideQuotesAreOneQuote() {
        assertEquals(List.of(new Csv.Row(1, List.of("say \"hi\"", "\"", ""))), Csv.parse("\"say \"\"hi\"\"\",\"\"\"\",\"\""));
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsKeptAsIs() {
        assertEquals(List.of("5\" floppy", "b"), Csv.parse("5\" floppy,b").get(0).fields());
    }

    @Test
    void ignoresAByteOrderMark() {
        assertEquals(List.of(new Csv.Row(1, List.of("name", "siret"))), Csv.parse("\uFEFFname,siret\r\n"));
    }

    @Test
    void aTrailingLineEndDoesNotMakeAnEmptyRecordButABlankLineInsideDoes() {
        assertEquals(1, Csv.parse("a,b\r\n").size());
        assertEquals(List.of(new Csv.Row(1, List.of("a")), new Csv.Row(2, List.of("")), new Csv.Row(3, List.of("b"))),
                Csv.parse("a\r\n\r\nb\r\n"));
    }

    @Test
    void anEmptyDocumentHasNoRecord() {
        assertEquals(List.of(), Csv.parse(""));
    }

    @Test
    void appendRowQuotesOnlyWhatNeedsIt() {
        StringBuilder out = new StringBuilder();
        Csv.appendRow(out, List.of("plain", "a,b", "say \"hi\"", "two\nlines", "cr\r"));
        Csv.appendRow(out, Arrays.asList(null, 42, true));
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\"\r\n,42,true\r\n", out.toString());
    }

    @Test
    void parsingWhatAppendRowWroteGivesBackTheSameRows() {
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            List<List<String>> rows = new ArrayList<>();
            int rowCount = 1 + random.nextInt(8);
            for (int r = 0; r < rowCount; r++) {
                List<String> fields = new ArrayList<>();
                int fieldCount = 1 + random.nextInt(6);
                for (int f = 0; f < fieldCount; f++) {
                    fields.add(randomField(random));
                }
                rows.add(fields);
            }
            StringBuilder out = new StringBuilder();
            rows.forEach(row -> Csv.appendRow(out, row));
            List<List<String>> parsed = Csv.parse(out.toString()).stream().map(Csv.Row::fields).toList();
            List<List<String>> written = rows.stream().map(row -> row.stream().map(Csv::neutralised).toList()).toList();
            assertEquals(written, parsed, "seed " + seed + ", document " + out);
        }
    }

    private static String randomField(Random random) {
        String alphabet = "ab é,\"\r\n;'";
        StringBuilder field = new StringBuilder();
        int length = random.nextInt(7);
        for (int i = 0; i < length; i++) {
            field.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return field.toString();
    }
}
