package org.sersic4j.spark;

import java.util.concurrent.Callable;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The Spark commands of {@code sersic4j}: {@code ingest} (stamp files → a Parquet stamp store),
 * {@code simulate --format parquet} (a truth set simulated into a store) and {@code spark fit|predict|compare}. The
 * launcher runs them from this module's jar, so the other commands never load Spark. This jar does not carry the cli
 * module (whose jar names its own libraries, SLF4J binding included), so the exit codes are repeated here: 0 done, 1
 * some stamps failed (their rows are flagged), 2 nothing done.
 */
@Command(name = "sersic4j", mixinStandardHelpOptions = true, description = "Catalogue-scale runs on Apache Spark.",
        subcommands = {IngestCommand.class, SimulateCommand.class, SparkCommand.class, CommandLine.HelpCommand.class})
public final class SparkMain implements Callable<Integer> {
    /** Exit code: everything done. */
    public static final int OK = 0;
    /** Exit code: some stamps failed (their rows are flagged), the others were done. */
    public static final int PARTIAL = 1;
    /** Exit code: nothing could be done, or bad usage. */
    public static final int FAILED = 2;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is needed: ingest, simulate or spark");
    }

    /**
     * The command line: an error is one line naming its cause (its stack trace with --debug). Sets JTransforms' thread
     * count to one: stamps run in parallel, so each FFT stays on the thread that asked for it.
     */
    public static CommandLine commandLine() {
        ConcurrencyUtils.setNumberOfThreads(1);
        SparkMain main = new SparkMain();
        CommandLine cl = new CommandLine(main);
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (main.debug) ex.printStackTrace(c.getErr());
            c.getErr().println("sersic4j: " + oneLine(ex));
            c.getErr().flush();
            return FAILED;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("sersic4j: " + ex.getMessage() + "; see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            return FAILED;
        });
        return cl;
    }

    /** The first line of the innermost message of an error. */
    static String oneLine(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof org.apache.spark.SparkException)) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
