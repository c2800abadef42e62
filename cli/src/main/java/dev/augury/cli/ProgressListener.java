package dev.augury.cli;

import dev.augury.scan.ScanListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Draws a progress bar per stage on stderr when stderr is a terminal; otherwise prints only warnings. Never
 * writes to stdout, which may carry a JSON report.
 */
final class ProgressListener implements ScanListener, AutoCloseable {
    private final boolean draw;
    private final boolean quiet;
    private final PrintWriter err;
    private ProgressBar bar;

    private ProgressListener(boolean draw, boolean quiet, PrintWriter err) {
        this.draw = draw;
        this.quiet = quiet;
        this.err = err;
    }

    static ProgressListener forTerminal(boolean quiet, PrintWriter err) {
        return new ProgressListener(!quiet && System.console() != null, quiet, err);
    }

    @Override
    public void stage(String name, long total) {
        closeBar();
        if (draw) {
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .continuousUpdate().setUpdateIntervalMillis(250).setConsumer(
                            new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
        }
    }

    @Override
    public void progress(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void warn(String message) {
        if (!quiet) {
            closeBar();
            err.println("augury: " + message);
            err.flush();
        }
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() {
        closeBar();
    }
}
