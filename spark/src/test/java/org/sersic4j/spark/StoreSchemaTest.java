package org.sersic4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.io.FitCatalog;

class StoreSchemaTest {

    @Test
    void catalogueSchemaHasFitsColumnsWithTheTypesOfItsRows() {
        assertEquals(FitCatalog.COLUMNS, List.of(StoreSchema.CATALOGUE.fieldNames()));
        Object[] row = FitCatalog.row(FitResult.failed("a", "lm", "why", 0), 0, Double.NaN);
        for (int i = 0; i < row.length; i++) {
            var t = StoreSchema.CATALOGUE.fields()[i].dataType();
            Class<?> want = t.equals(DataTypes.StringType) ? String.class : t.equals(DataTypes.LongType) ? Long.class : Double.class;
            assertEquals(want, row[i].getClass(), FitCatalog.COLUMNS.get(i));
        }
    }

    @Test
    void stampRowRoundTrips() {
        StoreStamp s = new StoreStamp("g1", 2, 1, new float[] {1.5f, -2f}, new float[] {1, 1}, null, null, "/p.fits",
                2.0, 5.0, 100.0, 30.0, 0.2, "/g1.fits", null, new double[] {1, 2, 3, 4, 5, 0.5, 6});
        StoreStamp back = StoreStamp.of(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
                rowValues(s), StoreSchema.STAMP));
        assertEquals(s.id(), back.id());
        assertEquals(List.of(1.5f, -2f), List.of(back.image()[0], back.image()[1]));
        assertEquals(s.psfKey(), back.psfKey());
        assertEquals(0.2, back.pixelScale());
        assertEquals(0.5, back.truth()[5]);
        assertEquals(null, back.mask());
    }

    private static Object[] rowValues(StoreStamp s) {
        Object[] v = new Object[StoreSchema.STAMP.size()];
        for (int i = 0; i < v.length; i++) {
            Object o = s.toRow().get(i);
            if (o instanceof float[] f) {
                Float[] boxed = new Float[f.length];
                for (int k = 0; k < f.length; k++) boxed[k] = f[k];
                o = scala.jdk.javaapi.CollectionConverters.asScala(List.of(boxed)).toSeq();
            }
            v[i] = o;
        }
        return v;
    }

    @Test
    void dropoutSeedIsAFunctionOfTheIdAlone() {
        assertEquals(PredictPartition.seed("gal_000001"), PredictPartition.seed("gal_000001"));
        assertNotEquals(PredictPartition.seed("gal_000001"), PredictPartition.seed("gal_000002"));
    }

    @Test
    void sessionSettingsTakeConfAndRefuseMalformedOnes() {
        Map<String, String> s = SparkSessions.settings("local[2]", List.of("spark.executor.memory=3g"));
        assertEquals("3g", s.get("spark.executor.memory"));
        assertEquals("false", s.get("spark.ui.enabled"));
        assertThrows(IllegalArgumentException.class, () -> SparkSessions.settings("local", List.of("novalue")));
    }
}
