package org.sersic4j.validation.components;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.compare.components.CatalogRows;
import org.sersic4j.render.io.Table;

/** The real galaxies, one row each: χ²ν and BIC with one Sérsic and with bulge+disc (and neighbours), B/T, neighbours. */
public final class KidsTable {
    private KidsTable() {}

    /** One JSON-ready row per galaxy of the one-Sérsic catalogue. */
    public static List<Map<String, Object>> rows(Table sersic, Table twoComponent) {
        Map<String, Integer> two = CatalogRows.byId(twoComponent);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int r = 0; r < sersic.rowCount(); r++) {
            String id = sersic.getString(r, "id");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("sersic_chi2nu", sersic.getDouble(r, "chi2nu"));
            row.put("sersic_n", sersic.getDouble(r, "n"));
            row.put("sersic_bic", sersic.getDouble(r, "bic"));
            Integer k = two.get(id);
            row.put("bulge_disc_chi2nu", k == null ? Double.NaN : twoComponent.getDouble(k, "chi2nu"));
            row.put("bulge_disc_bic", k == null ? Double.NaN : twoComponent.getDouble(k, "bic"));
            row.put("bt", k == null ? Double.NaN : twoComponent.getDouble(k, "bt"));
            row.put("neighbours", k == null ? Double.NaN : twoComponent.getDouble(k, "n_neighbours"));
            row.put("bulge_disc_seconds", k == null ? Double.NaN : twoComponent.getDouble(k, "time_s"));
            out.add(row);
        }
        return out;
    }
}
