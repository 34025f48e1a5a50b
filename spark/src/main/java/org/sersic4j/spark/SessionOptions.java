package org.sersic4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The Spark options every command takes. */
public final class SessionOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[*] (default: every core of this machine, in this JVM; under spark-submit, "
                    + "its --master), local[N], spark://HOST:PORT, yarn or k8s://…")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable), e.g. --conf spark.executor.memory=3g.")
    List<String> conf = new ArrayList<>();

    /** Starts the session; its start time is said apart. */
    SparkSession start(String app, java.util.function.Consumer<String> log) {
        long t0 = System.nanoTime();
        SparkSession s = SparkSessions.start(master != null ? master : SparkSessions.defaultMaster(), app, conf);
        log.accept(String.format(java.util.Locale.ROOT, "Spark %s session on %s started in %.1f s", s.version(),
                s.sparkContext().master(), (System.nanoTime() - t0) / 1e9));
        return s;
    }
}
