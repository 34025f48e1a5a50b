package org.sersic4j.render.io;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.sersic4j.io.ErrorLine;
import org.sersic4j.io.InvalidInputException;

/** Jackson CSV plumbing shared by {@link CatalogIO} and {@link CsvAppender}: rows are String arrays. */
final class Csv {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private Csv() {
    }

    /** A writer of rows (String arrays), one CSV line each, "\n"-terminated, quoted where needed. */
    static SequenceWriter rowWriter(Writer w) throws IOException {
        return MAPPER.writerFor(String[].class).with(CsvSchema.emptySchema()).writeValues(w);
    }

    /** A row's values as text: doubles via Double.toString (exact round trip), null as "". */
    static String[] cells(Object[] row) {
        String[] s = new String[row.length];
        for (int i = 0; i < row.length; i++) {
            String v = Table.format(row[i]);
            s[i] = v == null ? "" : v;
        }
        return s;
    }

    /** Parses a CSV with a header row; every value is a String; blank lines are skipped; ragged rows are errors. */
    static Table parse(Path p, Reader r) {
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(r)) {
            if (!it.hasNext()) throw new InvalidInputException(p, "empty CSV file (no header row)");
            String[] header = it.next();
            if (header.length > 0 && header[0].startsWith("\uFEFF")) header[0] = header[0].substring(1);
            List<String> names = new ArrayList<>();
            for (String h : header) names.add(h.trim());
            Table t;
            try {
                t = new Table(names);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(p, "bad CSV header " + names + ": " + e.getMessage());
            }
            int rowNumber = 0;
            while (it.hasNext()) {
                String[] row = it.next();
                long line = it.getParser().currentTokenLocation().getLineNr();   // line of the row's last value
                rowNumber++;
                if (row.length != header.length)
                    throw new InvalidInputException(p, "data row " + rowNumber + " (line " + line
                            + ") has " + row.length + " values but the header has " + header.length + " columns");
                t.addRow((Object[]) row);
            }
            return t;
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            Throwable c = e instanceof JsonProcessingException ? e : e.getCause();
            if (c instanceof JsonProcessingException j) {
                String at = j.getLocation() == null ? "" : " at line " + j.getLocation().getLineNr();
                throw new InvalidInputException(p, "malformed CSV" + at + " (" + j.getOriginalMessage() + ")", e);
            }
            throw new InvalidInputException(p, "cannot read CSV (" + ErrorLine.reason(e) + ")", e);
        }
    }
}
