package org.sersic4j.fit.io;

import java.util.Locale;

/**
 * One best-fit value as GALFIT writes it into a header string: {@code '32.5100 +/- 0.0200'} for a free parameter,
 * {@code '[2.5000]'} for one held fixed; four decimals (GALFIT's {@code %.4f}), NaN written as {@code NaN}.
 *
 * @param value the value
 * @param error its 1σ error (0 for a fixed parameter)
 * @param fixed true when the parameter was held fixed
 */
public record GalfitValue(double value, double error, boolean fixed) {

    private static final String PLUS_MINUS = "+/-";

    /** A free parameter with its error. */
    public static GalfitValue free(double value, double error) {
        return new GalfitValue(value, error, false);
    }

    /** A parameter held fixed. */
    public static GalfitValue held(double value) {
        return new GalfitValue(value, 0, true);
    }

    /** The header string: {@code "v +/- e"} or {@code "[v]"}. */
    public String format() {
        return fixed ? "[" + number(value) + "]" : number(value) + " " + PLUS_MINUS + " " + number(error);
    }

    /**
     * Parses a GALFIT header string: {@code "v +/- e"}, {@code "[v]"} (fixed, error 0), or a bare number (error NaN).
     * GALFIT's {@code *} marks around suspicious values are ignored; {@code nan} and {@code inf} are read in any case.
     */
    public static GalfitValue parse(String s) {
        String t = s.replace("*", "").trim();
        try {
            if (t.startsWith("[") && t.endsWith("]")) return held(parseNumber(t.substring(1, t.length() - 1)));
            int pm = t.indexOf(PLUS_MINUS);
            if (pm < 0) return new GalfitValue(parseNumber(t), Double.NaN, false);
            return free(parseNumber(t.substring(0, pm)), parseNumber(t.substring(pm + PLUS_MINUS.length())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a GALFIT value: '" + s + "'", e);
        }
    }

    /** A number as C's printf or Java writes it ({@code nan}, {@code inf} and {@code NaN}, {@code Infinity} alike). */
    private static double parseNumber(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        String unsigned = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (unsigned.equals("nan")) return Double.NaN;
        if (unsigned.equals("inf") || unsigned.equals("infinity"))
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return Double.parseDouble(t);
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : Double.toString(v);
    }
}
