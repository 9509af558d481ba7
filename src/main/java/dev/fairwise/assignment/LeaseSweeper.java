package dev.fairwise.assignment;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Marks leases past their deadline as expired, every {@code fairwise.raters.sweep-interval}, so progress and
 * pay see them ended. Leasing never waits for it: a lease past its deadline does not count against the
 * overlap, and the lease query frees it itself when it needs the room. Safe in every replica at once (the
 * comparisons are claimed with SKIP LOCKED).
 */
@Singleton
public class LeaseSweeper {
    private static final Logger LOG = Logger.getLogger(LeaseSweeper.class);
    private static final int BATCH = 500;

    private final AssignmentService assignments;

    LeaseSweeper(AssignmentService assignments) {
        this.assignments = assignments;
    }

    @Scheduled(
            every = "${fairwise.raters.sweep-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return assignments
                .expireOverdue(BATCH)
                .chain(freed -> freed >= BATCH ? sweep() : Uni.createFrom().voidItem())
                .onFailure()
                .invoke(e -> LOG.warnf("lease sweep failed, will try again: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
