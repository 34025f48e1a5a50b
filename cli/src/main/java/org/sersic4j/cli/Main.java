package org.sersic4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

import org.sersic4j.fit.FitInputException;
import org.sersic4j.render.AparapiLogging;
import org.sersic4j.io.ErrorLine;
import org.sersic4j.io.InvalidInputException;

import pl.edu.icm.jlargearrays.ConcurrencyUtils;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code sersic4j} command. Subcommands do the work; this class wires them together and turns errors into one
 * readable line.
 *
 * <p>Exit codes: {@value #OK} everything done; {@value #PARTIAL} partial failure (some rows or files were bad, the
 * others were done); {@value #FAILED} nothing could be done, or bad usage.
 */
@Command(name = "sersic4j", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Render, simulate, fit, train, predict, compare, validate and benchmark Sérsic galaxy images (GPU via OpenCL, exact Java reference).",
        subcommands = {RunCommand.class, RenderCommand.class, SimulateCommand.class, FitCommand.class, TrainCommand.class, PredictCommand.class,
                CompareCommand.class, ValidateCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:partial failure: some rows or files were bad, the others were done",
                "2:nothing could be done, or bad usage"})
public final class Main implements Callable<Integer> {

    /** Exit code: everything done. */
    public static final int OK = 0;
    /** Exit code: some rows or files were bad, the others were done. */
    public static final int PARTIAL = 1;
    /** Exit code: nothing could be done, or bad usage. */
    public static final int FAILED = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() {
        // No subcommand: say so and show the usage.
        spec.commandLine().getErr().println("sersic4j: a subcommand is needed");
        spec.commandLine().usage(spec.commandLine().getErr());
        return FAILED;
    }

    /**
     * A command line with this project's error handling and exit codes. Also sets the process-wide settings the
     * libraries leave alone: Aparapi's logging, and JTransforms' thread count (one: the commands run stamps and fits in
     * parallel, so each FFT stays on the thread that asked for it).
     */
    public static CommandLine commandLine() {
        AparapiLogging.install();
        ConcurrencyUtils.setNumberOfThreads(1);
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        // Bad usage: one line saying what is wrong and where the help is, not the whole usage text.
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            String hint = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty())
                hint = " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
            err.println("sersic4j: " + firstLine(ex.getMessage()) + hint + "; see '" + c.getCommandSpec().qualifiedName()
                    + " --help'");
            err.flush();
            return FAILED;
        });
        cl.setExitCodeExceptionMapper(t -> FAILED);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (NoClassDefFoundError missing) {
            // A slim build (the GPU bundle of scripts/gpu-bundle.sh) leaves the network libraries out.
            System.err.println("sersic4j: this build lacks a library the command needs (" + missing.getMessage()
                    + "); the slim GPU bundle runs render, simulate, fit and bench render|fit only");
            code = FAILED;
        }
        System.exit(code);
    }

    /** The version of this build: from the jar manifest, or the source constant when run from classes. */
    public static String version() {
        String v = Main.class.getPackage() == null ? null : Main.class.getPackage().getImplementationVersion();
        return v != null ? v : Version.FALLBACK;
    }

    /** Supplies {@code --version}. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sersic4j " + version(), "Java " + System.getProperty("java.version") + " ("
                    + System.getProperty("java.vm.name") + "), " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch")};
        }
    }

    /** The build version when no manifest is at hand (tests, IDE). */
    static final class Version {
        static final String FALLBACK = "0.1.0-SNAPSHOT";

        private Version() {}
    }

    /**
     * Prints one line {@code sersic4j: <message>} for errors a user can fix (bad input files, bad values, I/O),
     * with the stack trace only under {@code --debug}; unexpected errors also get one line and a hint.
     */
    static final class ErrorHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
            PrintWriter err = cl.getErr();
            boolean debug = debugRequested(parseResult);
            boolean expected = isUserError(ex);
            err.println("sersic4j: " + describe(ex));
            if (debug) ex.printStackTrace(err);
            else if (!expected) err.println("sersic4j: (an unexpected error; run again with --debug for details)");
            err.flush();
            return FAILED;
        }

        private static boolean debugRequested(ParseResult pr) {
            for (ParseResult p = pr; p != null; p = p.subcommand()) {
                if (p.hasMatchedOption("--debug")) return true;
            }
            return false;
        }
    }

    /** True for the errors a user can act on: bad input files, bad values, I/O problems. */
    static boolean isUserError(Throwable ex) {
        return ex instanceof InvalidInputException || ex instanceof IllegalArgumentException
                || ex instanceof IOException || ex instanceof UncheckedIOException || ex instanceof FitInputException;
    }

    /** One line describing an error, naming the file where the exception knows it. */
    static String describe(Throwable ex) {
        return ErrorLine.of(ex);
    }

    static String firstLine(String s) {
        return ErrorLine.firstLine(s);
    }
}
