package adalab.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The Java side of {@code ./adalab}: dispatches a subcommand. The script handles the commands
 * that are not Java programs (lab, test); each Java command is a class with
 * {@code static int run(String[] args, PrintStream out, PrintStream err)}.
 */
public final class Main {
    private Main() { }

    static final String USAGE = "usage: adalab.cli.Main <command> [arguments]\n"
            + "  trace   run one optimizer and print its trajectory as CSV (trace --help)\n";

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs a subcommand; returns its exit code and never throws. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "trace":
                return Trace.run(rest, out, err);
            case "help", "--help", "-h":
                out.print(USAGE);
                return 0;
            default:
                err.println("adalab: unknown command '" + Trace.oneLine(Trace.quote(args[0])) + "': use trace");
                return 2;
        }
    }
}
