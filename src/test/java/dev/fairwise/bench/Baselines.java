package dev.fairwise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the database and the broker can do on their own, on the same machine and servers as the service:
 * pgbench (TPC-B-like and simple-update, 16 clients) and Kafka's ProducerPerformance (1 KB, acks=all).
 */
final class Baselines {
    private static final Pattern TPS = Pattern.compile("^tps = ([0-9.]+)", Pattern.MULTILINE);
    private static final Pattern RECORDS = Pattern.compile("([0-9.]+) records/sec");

    private Baselines() {}

    static String pgbench() {
        for (String candidate :
                List.of("/usr/bin/pgbench", "/usr/lib/postgresql/15/bin/pgbench", "/usr/local/bin/pgbench")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("pgbench not found: apt-get install postgresql-client");
    }

    /** Creates and fills the pgbench database (scale 10) on the server. */
    static void initPgbench(Connection postgres, int port) throws Exception {
        try (var statement = postgres.createStatement()) {
            statement.execute("drop database if exists pgbench");
            statement.execute("create database pgbench");
        }
        run(List.of(
                pgbench(),
                "-h",
                "localhost",
                "-p",
                String.valueOf(port),
                "-U",
                "postgres",
                "-i",
                "-s",
                "10",
                "-q",
                "pgbench"));
    }

    /** TPS of one 15 s pgbench run with 16 clients; {@code simpleUpdate} is pgbench -N. */
    static double pgbenchTps(int port, boolean simpleUpdate, int seconds) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                pgbench(),
                "-h",
                "localhost",
                "-p",
                String.valueOf(port),
                "-U",
                "postgres",
                "-c",
                "16",
                "-j",
                "2",
                "-T",
                String.valueOf(seconds)));
        if (simpleUpdate) {
            command.add("-N");
        }
        command.add("pgbench");
        Matcher m = TPS.matcher(run(command));
        if (!m.find()) {
            throw new IllegalStateException("no TPS in pgbench's output");
        }
        return Double.parseDouble(m.group(1));
    }

    /** Records/s of Kafka's ProducerPerformance: 200,000 records of 1 KB, acks=all, unthrottled. */
    static double producerPerformance(String bootstrap, String topic) throws Exception {
        String output = run(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic",
                topic,
                "--num-records",
                "200000",
                "--record-size",
                "1024",
                "--throughput",
                "-1",
                "--producer-props",
                "bootstrap.servers=" + bootstrap,
                "acks=all"));
        Matcher m = RECORDS.matcher(output.lines().reduce((a, b) -> b).orElse(""));
        if (!m.find()) {
            throw new IllegalStateException("no records/sec in ProducerPerformance's output: " + output);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", "postgres");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
