package org.sersic4j.fit.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.io.Table;

/**
 * Reads a manifest CSV ({@code id, image, sigma, mask, seg, psf}) into the files of each stamp. {@code id} and
 * {@code image} are required columns, the others optional; other columns are ignored. Cells may be empty (or
 * {@code none}): no such file. An empty id becomes the image's file name without {@code .fits}. Relative paths are
 * relative to the manifest's directory. A missing column, an empty image cell or a duplicate id is an
 * {@link InvalidInputException} naming the manifest and the row.
 */
final class ManifestReader {
    private ManifestReader() {}

    /** The rows of {@code csv}; {@code defaultPsf} is used where a row's psf cell is empty. */
    static List<StampFiles> read(Path csv, PsfRef defaultPsf) {
        Table t = CatalogIO.readCsv(csv);
        for (String c : new String[] {"id", "image"})
            if (!t.hasColumn(c)) throw new InvalidInputException(csv, "manifest has no column '" + c
                    + "' (expected id, image, sigma, mask, seg, psf; found " + t.columns() + ")");
        List<StampFiles> out = new ArrayList<>();
        Map<String, Integer> rowOf = new HashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            int row = r + 1;
            String image = cell(t, r, "image");
            if (image == null)
                throw new InvalidInputException(csv, "data row " + row + ": the image cell is empty");
            Path imagePath = resolve(csv, row, image);
            String id = cell(t, r, "id");
            if (id == null) id = StampInputs.idOf(imagePath);
            Integer first = rowOf.putIfAbsent(id, row);
            if (first != null)
                throw new InvalidInputException(csv, "data row " + row + ": duplicate id '" + id + "' (also data row "
                        + first + ")");
            String psf = cell(t, r, "psf");
            PsfRef psfRef = psf == null ? defaultPsf : PsfRef.file(resolve(csv, row, psf));
            out.add(new StampFiles(id, imagePath, optional(csv, t, r, "sigma"), optional(csv, t, r, "mask"),
                    optional(csv, t, r, "seg"), psfRef));
        }
        return out;
    }

    /** The trimmed cell, or null when the column is absent or the cell is empty or {@code none}. */
    private static String cell(Table t, int r, String column) {
        if (!t.hasColumn(column)) return null;
        String s = t.getString(r, column);
        return PsfRef.isNone(s) ? null : s.trim();
    }

    private static Path optional(Path csv, Table t, int r, String column) {
        String s = cell(t, r, column);
        return s == null ? null : resolve(csv, r + 1, s);
    }

    /** A cell's path, relative to the manifest's directory unless absolute. */
    private static Path resolve(Path csv, int row, String cell) {
        Path p;
        try {
            p = Path.of(cell);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidInputException(csv, "data row " + row + ": '" + cell + "' is not a valid path");
        }
        if (p.isAbsolute()) return p;
        Path parent = csv.getParent();
        return parent == null ? p : parent.resolve(p).normalize();
    }
}
