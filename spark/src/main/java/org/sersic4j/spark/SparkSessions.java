package org.sersic4j.spark;

import java.io.File;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the Spark session of a command: the master given ({@code local[*]} by default; {@code spark://…},
 * {@code yarn}, {@code k8s://…}), Spark's console progress bar instead of its log, no web UI in local mode, and any
 * {@code --conf key=value}. Against a cluster master, executors are given this installation's jars on their class
 * path unless the configuration names its own (the jars must then be at the same path on the workers). Under
 * {@code spark-submit} the master is spark-submit's unless one is given, and the application jar serves the
 * executors instead.
 */
public final class SparkSessions {
    private SparkSessions() {}

    /** The master when none is given: spark-submit's ({@code spark.master}), else every core of this JVM. */
    public static String defaultMaster() {
        return System.getProperty("spark.master", "local[*]");
    }

    /** The settings a command's session starts with. */
    public static Map<String, String> settings(String master, List<String> confs) {
        Map<String, String> s = new TreeMap<>();
        s.put("spark.ui.showConsoleProgress", "true");
        s.put("spark.ui.enabled", Boolean.toString(!master.startsWith("local")));
        s.put("spark.sql.shuffle.partitions", "16");
        if (!master.startsWith("local") && System.getProperty("SPARK_SUBMIT") == null) {
            String cp = installationClassPath();
            if (cp != null) s.put("spark.executor.extraClassPath", cp);
        }
        for (String c : confs) {
            int eq = c.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--conf takes key=value (got '" + c + "')");
            s.put(c.substring(0, eq).trim(), c.substring(eq + 1).trim());
        }
        return s;
    }

    /** Starts (or joins) the session. */
    public static SparkSession start(String master, String app, List<String> confs) {
        SparkSession.Builder b = SparkSession.builder().master(master).appName(app);
        settings(master, confs).forEach(b::config);
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** This jar and the {@code lib/} beside it, or null when not run from a jar. */
    static String installationClassPath() {
        try {
            File jar = new File(SparkSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!jar.isFile()) return null;
            return jar.getAbsolutePath() + File.pathSeparator + new File(jar.getParentFile(), "lib").getAbsolutePath() + "/*";
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
