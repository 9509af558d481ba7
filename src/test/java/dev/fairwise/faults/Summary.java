package dev.fairwise.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The fault suite's summary table: one row per scenario that ran. */
final class Summary {
    /**
     * One scenario's line; counts are text so a scenario can say what they mean for it. {@code lost} and
     * {@code duplicates} are the preference stream's (lost counts phantoms too); {@code consensus} is the
     * consensus stream's records / lost / phantom / duplicates, or "n/a" where no campaign was rated.
     */
    record Row(
            String scenario,
            String ok,
            String failed,
            String unknown,
            long lost,
            long duplicates,
            String consensus,
            long violations,
            String recovery,
            String notes) {}

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
        System.out.println("[faults] " + row);
    }

    synchronized void add(String scenario, Tally tally, Audit.Result audit, String recovery, String notes) {
        add(new Row(
                scenario,
                String.valueOf(tally.count(Tally.Kind.OK)),
                String.valueOf(tally.count(Tally.Kind.FAILED)),
                String.valueOf(tally.count(Tally.Kind.UNKNOWN)),
                audit.lost() + audit.phantom(),
                audit.duplicates(),
                audit.consensus().toString(),
                audit.violations() + tally.serverErrors(),
                recovery,
                notes + "; statuses " + tally.statuses() + (audit.details().isEmpty() ? "" : "; " + audit.details())));
    }

    static String seconds(double seconds) {
        return String.format("%.1f s", seconds);
    }

    synchronized void write(Path file) throws IOException {
        StringBuilder table = new StringBuilder();
        table.append("| scenario | requests ok | failed | unknown | lost | duplicates"
                + " | consensus records / lost / phantom / duplicates | invariant violations | recovery | notes |\n");
        table.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        List<Row> inOrder = new ArrayList<>(rows);
        inOrder.sort(java.util.Comparator.comparing(Row::scenario)); // scenarios are numbered as in the README
        for (Row row : inOrder) {
            table.append(String.format(
                    "| %s | %s | %s | %s | %d | %d | %s | %d | %s | %s |%n",
                    row.scenario(),
                    row.ok(),
                    row.failed(),
                    row.unknown(),
                    row.lost(),
                    row.duplicates(),
                    row.consensus(),
                    row.violations(),
                    row.recovery(),
                    row.notes().replace("|", "/")));
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, table.toString());
        System.out.println("\nFault suite summary (also in " + file + "):\n" + table);
    }
}
