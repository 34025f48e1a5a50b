package org.sersic4j.compare.report;

import java.math.BigDecimal;
import java.math.MathContext;
import org.sersic4j.compare.Interval;
import org.sersic4j.compare.Parameter;

/** How the report writes quantities, units and numbers; a NaN is written "—". */
final class Labels {

    /** What the report writes for an undefined number. */
    static final String NONE = "—";

    private Labels() {
    }

    /** A parameter with its unit, such as "re [px]". */
    static String quantity(Parameter p) {
        String unit = unit(p);
        return unit.isEmpty() ? p.column() : p.column() + " [" + unit + "]";
    }

    /** The unit of a parameter's values ("" when it has none). */
    static String unit(Parameter p) {
        return switch (p) {
            case X0, Y0, RE -> "px";
            case FLUX -> "ADU";
            case MAG -> "mag";
            case PA -> "deg";
            case N, Q -> "";
        };
    }

    /** What Δ means for a parameter, for axis titles: "(est − true)/true", "est − true [mag]", …. */
    static String delta(Parameter p) {
        if (p.relative()) return "Δ" + p.column() + " = (est − true)/true";
        if (p == Parameter.PA) return "ΔPA = est − true, wrapped [deg]";
        String unit = unit(p);
        return "Δ" + p.column() + " = est − true" + (unit.isEmpty() ? "" : " [" + unit + "]");
    }

    /** Δ's unit as the metrics table writes it: "relative", "mag", "px", "deg" or "absolute". */
    static String deltaUnit(Parameter p) {
        if (p.relative()) return "relative";
        String unit = unit(p);
        return unit.isEmpty() ? "absolute" : unit;
    }

    /** The truth quantity a set of bins is over, for axis titles and headings. */
    static String binQuantity(String by) {
        return switch (by) {
            case "snr" -> "S/N";
            case "n" -> "Sérsic n";
            default -> by;
        };
    }

    /**
     * A number with four significant digits, trailing zeros dropped; scientific notation below 0.001 and from 10⁶ in
     * magnitude; "—" for NaN and "∞" or "-∞" for infinities.
     */
    static String number(double v) {
        if (Double.isNaN(v)) return NONE;
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "-∞";
        if (v == 0) return "0";
        BigDecimal d = new BigDecimal(v).round(new MathContext(4));
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) return d.stripTrailingZeros().toPlainString();
        int exp = d.precision() - d.scale() - 1;
        String mantissa = d.movePointLeft(exp).stripTrailingZeros().toPlainString();
        return mantissa + "e" + exp;
    }

    /** A number with its interval: "0.0123 [0.0101, 0.0150]"; only the number when there is no interval. */
    static String withInterval(double v, Interval ci) {
        if (Double.isNaN(v) || ci == null || !ci.present()) return number(v);
        return number(v) + " [" + number(ci.lo()) + ", " + number(ci.hi()) + "]";
    }

    /** A fraction as a percentage with one decimal: "4.2%"; "—" for NaN. */
    static String percent(double fraction) {
        if (!Double.isFinite(fraction)) return number(fraction);
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** A fraction as a percentage with its interval: "4.2% [2.0%, 8.0%]". */
    static String percentWithInterval(double fraction, Interval ci) {
        if (Double.isNaN(fraction) || ci == null || !ci.present()) return percent(fraction);
        return percent(fraction) + " [" + percent(ci.lo()) + ", " + percent(ci.hi()) + "]";
    }
}
