package org.sersic4j.fit.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sersic4j.render.SersicParams;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.model.ComponentType;

/**
 * Reads a GALFIT feedme file: lines {@code KEY) values  # comment}, the control block first, then components
 * introduced by {@code 0) type}. Paths are relative to the feedme's directory. Every error is an
 * {@link InvalidInputException} naming the feedme and the line.
 *
 * <p>Control block: A) image (required), B) output block, C) σ map, D) PSF, F) bad-pixel mask (a FITS image; the
 * ASCII coordinate list is not supported), each {@code none} or blank for "not given"; E) PSF fine sampling, only 1
 * (the PSF at the image's pixel scale); H) fitting region {@code xmin xmax ymin ymax}: the image, σ map and mask are
 * cut to it and the coordinates shifted ({@link Feedme.Region}); J) zeropoint; K) plate scale {@code dx dy}
 * [arcsec/pixel]. Ignored: G) constraints (with a warning: the fit is unconstrained), I) convolution box (the whole
 * stamp is convolved), O) display, P) mode (a warning unless 0), and unknown keys (a warning).
 *
 * <p>Components, each introduced by {@code 0) type}, every parameter line a value and its toggle (GALFIT's 1 = free,
 * 0 = fixed):
 * <ul>
 *   <li>{@code sersic}: 1) x y, 3) integrated magnitude, 4) r_e [pix], 5) n, 9) q, 10) PA [deg, counter-clockwise
 *   from +y ("up = 0, left = 90"), as ours];</li>
 *   <li>{@code devauc}: the same without 5); {@code expdisk}: the same with 4) the scale length R_s, converted to
 *   r_e = b_1 R_s = 1.678 R_s ({@link Feedme#EXPDISK_RE_PER_RS});</li>
 *   <li>{@code psf}: 1) x y and 3) magnitude;</li>
 *   <li>{@code sky}: 1) the level at the centre of the fitting region, 2) dsky/dx and 3) dsky/dy (optional, 0 and
 *   fixed when absent): a flat sky, or a sky plane when a gradient is non-zero or free. At most one.</li>
 * </ul>
 * 6)–8) and Z) are ignored (5) too for devauc and expdisk); Fourier, bending, boxiness and truncation terms are
 * rejected. Other component types (nuker, king, gaussian, moffat, ferrer, edgedisk, …) are left out with a warning
 * naming the line. The first profile is the target; a feedme without one (sersic, expdisk or devauc) is an error.
 * GALFIT's constraint file is not read, and nothing is tied (see {@link Feedme#model}).
 */
public final class FeedmeReader {
    private static final Pattern LINE = Pattern.compile("^\\s*([A-Za-z]\\d*|\\d+)\\)\\s*(.*)$");

    private final Path file;
    private final Map<String, Entry> control = new LinkedHashMap<>();
    private final List<Component> components = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private FeedmeReader(Path file) {
        this.file = file;
    }

    /** One {@code KEY) values} line. */
    private record Entry(String key, List<String> values, int line) {}

    /** One component: its type line and parameter lines. */
    private record Component(String type, int line, Map<String, Entry> params) {}

    /** Reads and checks {@code feedme}. */
    public static Feedme read(Path feedme) {
        FeedmeReader r = new FeedmeReader(feedme);
        r.parse(lines(feedme));
        return r.build();
    }

    private static List<String> lines(Path p) {
        if (!Files.isRegularFile(p)) throw new InvalidInputException(p, "feedme file does not exist or is not a file");
        try {
            return Files.readAllLines(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new InvalidInputException(p, "cannot read feedme (" + e.getMessage() + ")", e);
        }
    }

    private void parse(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String text = lines.get(i);
            int hash = text.indexOf('#');
            if (hash >= 0) text = text.substring(0, hash);
            text = text.strip();
            if (text.isEmpty() || text.chars().allMatch(c -> c == '=' || c == '-')) continue;
            Matcher m = LINE.matcher(text);
            if (!m.matches()) {
                warnings.add(file + ": line " + lineNo + " is not a 'KEY) value' line; ignored: " + text);
                continue;
            }
            String key = m.group(1).toUpperCase(Locale.ROOT);
            String rest = m.group(2).strip();
            Entry e = new Entry(key, rest.isEmpty() ? List.of() : List.of(rest.split("\\s+")), lineNo);
            if (key.equals("0")) {
                components.add(new Component(rest.toLowerCase(Locale.ROOT), lineNo, new LinkedHashMap<>()));
            } else if (!components.isEmpty() && !isControlKey(key)) {
                Component c = components.get(components.size() - 1);
                Entry before = c.params().putIfAbsent(key, e);
                if (before != null) throw error(lineNo, key + ") given twice in one component (also line " + before.line() + ")");
            } else if (isControlKey(key)) {
                Entry before = control.putIfAbsent(key, e);
                if (before != null) throw error(lineNo, key + ") given twice (also line " + before.line() + ")");
            } else {
                throw error(lineNo, "parameter " + key + ") comes before any '0) type' component line");
            }
        }
    }

    /** Single letters other than Z belong to the control block. */
    private static boolean isControlKey(String key) {
        return key.length() == 1 && Character.isLetter(key.charAt(0)) && !key.equals("Z");
    }

    private Feedme build() {
        Entry a = control.get("A");
        if (a == null || a.values().isEmpty() || PsfRef.isNone(a.values().get(0)))
            throw new InvalidInputException(file, "no input image: the A) line is missing or empty");
        if (a.values().get(0).contains("["))
            throw error(a.line(), "image sections (" + a.values().get(0) + ") are not supported; use H) for a region");
        Path image = path(a);
        Path output = optionalPath("B");
        Path sigma = optionalPath("C");
        Path psf = optionalPath("D");
        Path mask = optionalPath("F");
        Entry e = control.get("E");
        if (e != null && !e.values().isEmpty() && number(e, 0, "PSF fine sampling") != 1)
            throw error(e.line(), "PSF fine sampling factor " + e.values().get(0) + " is not supported: only 1 (the PSF"
                    + " sampled like the image)");
        if (mask != null && !isFits(mask))
            throw error(control.get("F").line(), "bad-pixel mask " + mask + " is not a FITS file; ASCII coordinate lists"
                    + " are not supported");
        Entry g = control.get("G");
        if (g != null && !g.values().isEmpty() && !PsfRef.isNone(g.values().get(0)))
            warnings.add(file + ": line " + g.line() + ": constraints file " + g.values().get(0)
                    + " ignored: the fit is unconstrained within the default bounds");
        Entry p = control.get("P");
        if (p != null && !p.values().isEmpty() && !p.values().get(0).equals("0"))
            warnings.add(file + ": line " + p.line() + ": P) " + p.values().get(0) + " ignored: the stamp is fitted");
        for (Entry c : control.values())
            if (!"ABCDEFGHIJKOP".contains(c.key()))
                warnings.add(file + ": line " + c.line() + ": unknown key " + c.key() + ") ignored");
        Feedme.Region region = region(control.get("H"));
        Entry j = control.get("J");
        double zp = j == null || j.values().isEmpty() ? Double.NaN : number(j, 0, "zeropoint");
        double[] scale = plateScale(control.get("K"));
        List<Feedme.Part> parts = new ArrayList<>();
        Feedme.Part sky = null;
        for (int k = 0; k < components.size(); k++) {
            Component c = components.get(k);
            Feedme.Part part = switch (c.type()) {
                case "sersic" -> profile(k + 1, c, ComponentType.SERSIC);
                case "devauc" -> profile(k + 1, c, ComponentType.DEVAUC);
                case "expdisk" -> profile(k + 1, c, ComponentType.EXPONENTIAL);
                case "psf" -> pointSource(k + 1, c);
                case "sky" -> {
                    if (sky != null) throw error(c.line(), "a second sky component (the first is on line " + sky.line() + ")");
                    sky = sky(k + 1, c);
                    yield sky;
                }
                default -> {
                    warnings.add(file + ": line " + c.line() + ": component type '" + c.type() + "' is not supported"
                            + " (only sersic, expdisk, devauc, psf and sky); left out of the fit");
                    yield null;
                }
            };
            if (part != null) parts.add(part);
        }
        if (parts.stream().noneMatch(q -> q.type().isProfile())) throw new InvalidInputException(file, "no '0) sersic' component (nor expdisk or devauc): the"
                + " first profile is the target");
        Feedme.Sersic sersic = null;
        for (Feedme.Part q : parts) {
            if (sersic != null || q.type() != ComponentType.SERSIC) continue;
            Map<String, Double> v = q.values();
            sersic = new Feedme.Sersic(v.get("x0"), v.get("y0"), v.get("mag"), v.get("re"), v.get("n"), v.get("q"),
                    v.get("pa"), q.fixed());
        }
        Feedme.Sky flat = sky == null ? null : new Feedme.Sky(sky.values().get("sky"), !sky.fixed().contains("sky"));
        return new Feedme(file, image, output, sigma, psf, mask, region, zp, scale[0], scale[1], sersic, flat, parts,
                warnings);
    }

    /** A sersic, devauc or expdisk component (an expdisk's R_s becomes r_e). */
    private Feedme.Part profile(int object, Component c, ComponentType type) {
        for (Entry e : c.params().values()) {
            switch (e.key()) {
                case "1", "3", "4", "5", "6", "7", "8", "9", "10", "Z" -> { }
                default -> throw error(e.line(), c.type() + " parameter " + e.key() + ") is not supported (no Fourier,"
                        + " bending, boxiness or truncation terms)");
            }
        }
        Map<String, Double> v = new LinkedHashMap<>();
        List<String> fixed = new ArrayList<>();
        position(c, v, fixed);
        v.put("mag", valueAndToggle(c, "3", "magnitude", "flux", fixed));
        if (type == ComponentType.EXPONENTIAL) {
            v.put("re", Feedme.EXPDISK_RE_PER_RS * valueAndToggle(c, "4", "R_s (disc scale length)", "re", fixed));
        } else {
            v.put("re", valueAndToggle(c, "4", "r_e", "re", fixed));
        }
        if (type == ComponentType.SERSIC) v.put("n", valueAndToggle(c, "5", "Sérsic index", "n", fixed));
        v.put("q", valueAndToggle(c, "9", "axis ratio", "q", fixed));
        v.put("pa", SersicParams.normalisePa(valueAndToggle(c, "10", "position angle", "pa", fixed)));
        return new Feedme.Part(type.label() + object, c.line(), type, v, fixed);
    }

    private Feedme.Part pointSource(int object, Component c) {
        for (Entry e : c.params().values()) {
            if (!List.of("1", "3", "Z").contains(e.key()))
                throw error(e.line(), "psf parameter " + e.key() + ") is not understood (a point source has 1) and 3))");
        }
        Map<String, Double> v = new LinkedHashMap<>();
        List<String> fixed = new ArrayList<>();
        position(c, v, fixed);
        v.put("mag", valueAndToggle(c, "3", "magnitude", "flux", fixed));
        return new Feedme.Part("psf" + object, c.line(), ComponentType.PSF, v, fixed);
    }

    private void position(Component c, Map<String, Double> v, List<String> fixed) {
        Entry pos = required(c, "1", "position x y");
        if (pos.values().size() != 4) throw error(pos.line(), "1) needs 'x y fx fy' (position and two toggles)");
        v.put("x0", number(pos, 0, "x"));
        v.put("y0", number(pos, 1, "y"));
        if (isFixed(pos, 2)) fixed.add("x0");
        if (isFixed(pos, 3)) fixed.add("y0");
    }

    /** The sky: a flat level, or a plane when a gradient is non-zero or free. */
    private Feedme.Part sky(int object, Component c) {
        for (Entry e : c.params().values()) {
            if (!List.of("1", "2", "3", "Z").contains(e.key()))
                throw error(e.line(), "sky parameter " + e.key() + ") is not understood");
        }
        Map<String, Double> v = new LinkedHashMap<>();
        List<String> fixed = new ArrayList<>();
        v.put("sky", valueAndToggle(c, "1", "sky value", "sky", fixed));
        boolean plane = false;
        for (String[] g : new String[][] {{"2", "dsky_dx"}, {"3", "dsky_dy"}}) {
            if (!c.params().containsKey(g[0])) {
                v.put(g[1], 0.0);
                fixed.add(g[1]);
                continue;
            }
            double d = valueAndToggle(c, g[0], g[1].replace('_', '/') + " (sky gradient)", g[1], fixed);
            v.put(g[1], d);
            plane |= d != 0 || !fixed.contains(g[1]);
        }
        if (plane) return new Feedme.Part("skyplane" + object, c.line(), ComponentType.SKYPLANE, v, fixed);
        return new Feedme.Part("sky" + object, c.line(), ComponentType.SKY, Map.of("sky", v.get("sky")),
                fixed.contains("sky") ? List.of("sky") : List.of());
    }

    private double valueAndToggle(Component c, String key, String what, String name, List<String> fixed) {
        Entry e = required(c, key, what);
        if (e.values().size() != 2) throw error(e.line(), key + ") needs '" + what + " toggle'");
        double v = number(e, 0, what);
        if (isFixed(e, 1)) fixed.add(name);
        return v;
    }

    private Entry required(Component c, String key, String what) {
        Entry e = c.params().get(key);
        if (e == null) throw error(c.line(), "the " + c.type() + " component has no " + key + ") (" + what + ")");
        return e;
    }

    /** A toggle: 0 = fixed, 1 = free. */
    private boolean isFixed(Entry e, int index) {
        String t = e.values().get(index);
        if (t.equals("0")) return true;
        if (t.equals("1")) return false;
        throw error(e.line(), "toggle '" + t + "' must be 0 (fixed) or 1 (free)");
    }

    private Feedme.Region region(Entry h) {
        if (h == null || h.values().isEmpty()) return null;
        if (h.values().size() != 4) throw error(h.line(), "H) needs 'xmin xmax ymin ymax'");
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            double d = number(h, i, "region bound");
            if (d != Math.rint(d)) throw error(h.line(), "region bound " + h.values().get(i) + " is not a whole pixel");
            v[i] = (int) d;
        }
        try {
            return new Feedme.Region(v[0], v[1], v[2], v[3]);
        } catch (IllegalArgumentException ex) {
            throw error(h.line(), ex.getMessage());
        }
    }

    private double[] plateScale(Entry k) {
        if (k == null || k.values().isEmpty()) return new double[] {Double.NaN, Double.NaN};
        double dx = number(k, 0, "plate scale"), dy = k.values().size() > 1 ? number(k, 1, "plate scale") : dx;
        if (!(dx > 0 && dy > 0)) throw error(k.line(), "plate scale must be positive");
        if (Math.abs(dx - dy) > 1e-6 * Math.max(dx, dy))
            warnings.add(file + ": line " + k.line() + ": pixels are not square (dx " + dx + ", dy " + dy
                    + "); the pixel scale used is sqrt(dx*dy)");
        return new double[] {dx, dy};
    }

    private double number(Entry e, int index, String what) {
        if (index >= e.values().size()) throw error(e.line(), e.key() + ") is missing its " + what);
        String s = e.values().get(index);
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw error(e.line(), what + " '" + s + "' is not a finite number");
    }

    private Path optionalPath(String key) {
        Entry e = control.get(key);
        if (e == null || e.values().isEmpty() || PsfRef.isNone(e.values().get(0))) return null;
        return path(e);
    }

    private Path path(Entry e) {
        String s = e.values().get(0);
        Path p;
        try {
            p = Path.of(s);
        } catch (InvalidPathException ex) {
            throw error(e.line(), "'" + s + "' is not a valid path");
        }
        Path dir = file.getParent();
        return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
    }

    private static boolean isFits(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".fits") || n.endsWith(".fit") || n.endsWith(".fts") || n.endsWith(".fits.gz");
    }

    private InvalidInputException error(int line, String problem) {
        return new InvalidInputException(file, "line " + line + ": " + problem);
    }
}
