package dev.augury.cli;

import dev.augury.report.Report;
import picocli.CommandLine;

/** Prints the version from the jar's manifest ("dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"augury " + Report.Tool.current().version(), "Java " + System.getProperty("java.version")};
    }
}
