package org.sersic4j.fit.io;

import java.util.ArrayList;
import java.util.List;

/** Wraps text into FITS COMMENT cards (72 characters each) at spaces, so no word is split across cards. */
final class CatalogComments {

    /** The text a COMMENT card holds. */
    static final int WIDTH = 72;

    private CatalogComments() {
    }

    /** The text in lines of at most {@link #WIDTH} characters, broken at spaces (a longer word gets a line to itself). */
    static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }
}
