package dev.fairwise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time of the processes on the machine during a measured window, from {@code /proc} (Linux): utime +
 * stime (fields 14 and 15 of {@code /proc/<pid>/stat}, in clock ticks of {@code getconf CLK_TCK}) of the
 * service, of this JVM (the load client) and of PostgreSQL (the postmaster and its children). Sampled at the
 * start and the end of the window; the difference divided by the cycles in the window is CPU per cycle.
 */
final class ProcessCpu {
    /** Clock ticks per second, the unit of {@code /proc/<pid>/stat}'s times. */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {}

    /**
     * Whose CPU to read: the service's PID, and PostgreSQL's data directory (the postmaster's PID is the first
     * line of its {@code postmaster.pid}, read at each sample). Empty when unknown; that figure is then NaN.
     */
    record Pids(OptionalLong service, Optional<Path> postgresDataDir) {
        /**
         * For a run against the local run ({@code deploy/local/run.sh}): the service's PID from
         * {@code FAIRWISE_PID}, PostgreSQL from {@code .fairwise-local/postgres} when its server is up.
         */
        static Pids fromEnvironment() {
            String pid = System.getenv("FAIRWISE_PID");
            Path local = Path.of(".fairwise-local", "postgres");
            return new Pids(
                    pid == null || pid.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid.strip())),
                    Files.exists(local.resolve("postmaster.pid")) ? Optional.of(local) : Optional.empty());
        }
    }

    /** Ticks used so far by the service, this JVM and PostgreSQL; -1 for a figure that cannot be read. */
    record Sample(long service, long client, long postgres) {}

    static Sample sample(Pids pids) {
        long service = pids.service().isPresent() ? ticks(pids.service().getAsLong()) : -1;
        long client = ticks(ProcessHandle.current().pid());
        long postgres = pids.postgresDataDir().map(ProcessCpu::postgresTicks).orElse(-1L);
        return new Sample(service, client, postgres);
    }

    /** CPU milliseconds per cycle between two samples of one figure; NaN when either is unknown or no cycles. */
    static double msPerCycle(long startTicks, long endTicks, long cycles) {
        if (startTicks < 0 || endTicks < 0 || cycles <= 0) {
            return Double.NaN;
        }
        return (endTicks - startTicks) * 1000.0 / TICKS_PER_SECOND / cycles;
    }

    /** utime + stime of one process (all its threads), or -1. */
    static long ticks(long pid) {
        long[] stat = stat(pid);
        return stat == null ? -1 : stat[1] + stat[2];
    }

    /**
     * The postmaster's utime + stime and the cutime + cstime of its children that have exited (so a backend
     * that ends inside the window still counts), plus utime + stime of every live child (ppid = postmaster):
     * the backends, the WAL writer, the checkpointer and the rest. -1 when the server is not running.
     */
    static long postgresTicks(Path dataDir) {
        long postmaster;
        try {
            postmaster = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        long[] own = stat(postmaster);
        if (own == null) {
            return -1;
        }
        long total = own[1] + own[2] + own[3] + own[4];
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] child = stat(Long.parseLong(name));
                if (child != null && child[0] == postmaster) {
                    total += child[1] + child[2];
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    /**
     * ppid, utime, stime, cutime, cstime (fields 4, 14, 15, 16, 17) of {@code /proc/<pid>/stat}, or null when
     * the process is gone. The command name (field 2) may hold spaces and parentheses: fields are counted
     * from the last ')'.
     */
    private static long[] stat(long pid) {
        String line;
        try {
            line = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        } catch (IOException e) {
            return null;
        }
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state), so field n is f[n - 3]
        return new long[] {
            Long.parseLong(f[1]),
            Long.parseLong(f[11]),
            Long.parseLong(f[12]),
            Long.parseLong(f[13]),
            Long.parseLong(f[14])
        };
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            if (getconf.waitFor() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | RuntimeException e) {
            // fall through: the kernel's USER_HZ is 100 on every common Linux
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
