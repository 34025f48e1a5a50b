package org.sersic4j.compare.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sersic4j.compare.Proportions;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.render.io.Table;

class ModelSelectionTest {

    /** 100 stamps: the first 60 drawn as bulge+disc (B/T 0.05 … 0.95), the rest as one Sérsic; S/N 10 … 200. */
    private static Table truth() {
        Table t = new Table("id", "snr", "model", "bt");
        for (int i = 0; i < 100; i++)
            t.addRow("g" + i, 10.0 + 1.9 * i, i < 60 ? "bulge+disc" : "sersic", i < 60 ? 0.05 + 0.9 * i / 59.0 : Double.NaN);
        return t;
    }

    /** A catalogue of one model whose BIC is {@code bic[i]} (NaN: the fit failed). */
    private static Table catalogue(String model, double[] bic) {
        Table c = new Table("id", "model", "bic", "flags");
        for (int i = 0; i < bic.length; i++)
            c.addRow("g" + i, model, Double.isNaN(bic[i]) ? Double.NaN : bic[i],
                    Double.isNaN(bic[i]) ? FitFlags.FAILED : FitFlags.CONVERGED);
        return c;
    }

    @Test
    void theLowestBicPicksAndThePickIsRightWhenItIsTheTruthsModel() {
        double[] single = new double[100], two = new double[100];
        for (int i = 0; i < 100; i++) {
            single[i] = 1000;
            // bulge+disc wins on every third stamp, whatever the truth
            two[i] = i % 3 == 0 ? 990 : 1010;
        }
        two[7] = Double.NaN;
        Map<String, Table> c = new LinkedHashMap<>();
        c.put("sersic", catalogue("sersic", single));
        c.put("bd", catalogue("bulge+disc", two));
        assertTrue(ModelSelection.applicable(c));
        Map<String, Object> s = ModelSelection.score(truth(), c);
        int right = 0, n = 0;
        for (int i = 0; i < 100; i++) {
            if (i == 7) continue;
            n++;
            boolean pickedTwo = i % 3 == 0;
            if (pickedTwo == (i < 60)) right++;
        }
        assertEquals(n, s.get("stamps"));
        assertEquals(1, s.get("left_out_failed"));
        @SuppressWarnings("unchecked") Map<String, Object> all = (Map<String, Object>) s.get("overall");
        assertEquals(right, all.get("right"));
        assertEquals((double) right / n, (Double) all.get("fraction"), 1e-12);
        assertEquals(Proportions.wilson(right, n)[0], (Double) all.get("fraction_lo"), 1e-12);
        @SuppressWarnings("unchecked") List<Map<String, Object>> byBt = (List<Map<String, Object>>) s.get("by_bt");
        int inBins = 0;
        for (Map<String, Object> b : byBt) inBins += (Integer) b.get("stamps");
        assertEquals(59, inBins, "only the bulge+disc stamps have a B/T (one left out)");
        @SuppressWarnings("unchecked") List<Map<String, Object>> bySnr = (List<Map<String, Object>>) s.get("by_snr");
        assertEquals(120.0, bySnr.get(2).get("to"), "S/N bins keep their edges");
        assertEquals(1.0, byBt.get(byBt.size() - 1).get("to"), "the last B/T bin is reported up to 1");
    }

    @Test
    void cataloguesOfOneModelOrWithoutBicCannotSelect() {
        Map<String, Table> c = new LinkedHashMap<>();
        c.put("a", catalogue("sersic", new double[] {1, 2}));
        c.put("b", catalogue("sersic", new double[] {2, 1}));
        assertFalse(ModelSelection.applicable(c));
        c.put("c", new Table("id", "model"));
        assertFalse(ModelSelection.applicable(c));
    }
}
