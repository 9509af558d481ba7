package dev.fairwise.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the load client saw, request by request, in the manner of Jepsen's histories: every call is ok
 * (2xx), failed (a 4xx/5xx answer, or a connection refused before anything was sent) or unknown (a timeout
 * or a connection cut after the request went out: it may or may not have taken effect).
 */
final class Tally {
    enum Kind {
        OK,
        FAILED,
        UNKNOWN
    }

    /** One call: what it was, when it started and ended (System.nanoTime), and its status (-1 = refused, 0 = unknown). */
    record Call(String op, long startNanos, long endNanos, int status, boolean problemJson) {
        Kind kind() {
            if (status >= 200 && status < 300) {
                return Kind.OK;
            }
            return status == 0 ? Kind.UNKNOWN : Kind.FAILED;
        }
    }

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Set<String> acceptedJudgments = ConcurrentHashMap.newKeySet();
    private final Set<String> leases = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();

    void record(Call call, String body) {
        calls.add(call);
        boolean expected503 = call.status() == 503 && call.problemJson();
        if (call.status() >= 500 && !expected503 && serverErrors.size() < 20) {
            serverErrors.add(call.op() + " " + call.status() + ": "
                    + (body == null ? "" : body.substring(0, Math.min(300, body.length()))));
        }
    }

    void leased(String assignmentId) {
        leases.add(assignmentId);
    }

    void accepted(String judgmentId) {
        acceptedJudgments.add(judgmentId);
    }

    Set<String> acceptedJudgments() {
        return acceptedJudgments;
    }

    Set<String> leases() {
        return leases;
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    long count(Kind kind) {
        return calls.stream().filter(c -> c.kind() == kind).count();
    }

    /** 5xx answers other than 503 problem+json, which is the documented answer while a dependency is down. */
    long serverErrors() {
        return calls.stream()
                .filter(c -> c.status() >= 500 && !(c.status() == 503 && c.problemJson()))
                .count();
    }

    List<String> serverErrorSamples() {
        return new ArrayList<>(serverErrors);
    }

    Map<Integer, Long> statuses() {
        Map<Integer, Long> statuses = new TreeMap<>();
        calls.forEach(c -> statuses.merge(c.status(), 1L, Long::sum));
        return statuses;
    }

    /** Seconds from {@code markNanos} until the first ok judgment that started after it; -1 if none. */
    double secondsToFirstOkSubmitAfter(long markNanos) {
        return calls.stream()
                .filter(c -> c.op().equals("submit") && c.kind() == Kind.OK && c.startNanos() >= markNanos)
                .mapToLong(Call::endNanos)
                .min()
                .stream()
                .mapToDouble(end -> (end - markNanos) / 1e9)
                .findFirst()
                .orElse(-1);
    }
}
