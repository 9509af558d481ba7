package dev.fairwise.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * The checks run after a scenario, once the outbox has drained: the database and fresh consumers of the
 * preferences and consensus topics against what the load client was told, and against each other.
 */
final class Audit {
    /** Invariants over a campaign's rows; each query counts the rows that break it. */
    private static final Map<String, String> INVARIANTS = invariants();

    /** The comparisons that must have a consensus: complete, and not gold items (which never complete). */
    private static final String COMPLETE_COMPARISONS = """
            select c.id::text from comparison c
            where c.campaign_id = ? and c.state = 'complete'
              and not exists (select 1 from gold_item g where g.comparison_id = c.id)""";

    private static final String JUDGMENTS_BY_COMPARISON =
            "select comparison_id::text, id::text from judgment where campaign_id = ?";

    private Audit() {}

    /**
     * Preference figures ({@code lost}, {@code phantom}, {@code duplicates}), the consensus stream's, and broken
     * invariants (SQL, and consensus records that disagree with the database).
     */
    record Result(
            long lost,
            long phantom,
            long duplicates,
            ConsensusFigures consensus,
            long violations,
            List<String> details) {}

    /**
     * The consensus stream of one campaign: its records on the topic, complete comparisons with no row or no
     * record (lost), records naming a comparison without a row (phantom), and extra copies (duplicates).
     */
    record ConsensusFigures(long records, long lost, long phantom, long duplicates) {
        @Override
        public String toString() {
            return records + " / " + lost + " / " + phantom + " / " + duplicates;
        }
    }

    static Result check(FaultStack stack, String campaign, Tally tally) throws Exception {
        awaitOutboxDrained(stack);
        List<String> details = new ArrayList<>();
        Map<String, Integer> onTopic = topicJudgments(stack.kafkaBootstrap(), campaign);
        List<ConsensusOnTopic> consensusOnTopic = topicConsensus(stack.kafkaBootstrap(), campaign);
        Set<String> inDatabase = new HashSet<>();
        Set<String> assignments = new HashSet<>();
        Set<String> complete = new HashSet<>();
        Set<String> consensusRows = new HashSet<>();
        Map<String, Set<String>> judgmentsOf = new HashMap<>();
        long overlap;
        long violations = 0;
        try (Connection db = stack.postgres().connect()) {
            long campaignId = single(db, "select id from campaign where slug = ?", campaign);
            overlap = single(db, "select overlap from campaign where id = ?", campaignId);
            inDatabase.addAll(column(db, "select id::text from judgment where campaign_id = ?", campaignId));
            assignments.addAll(column(db, "select id::text from assignment where campaign_id = ?", campaignId));
            complete.addAll(column(db, COMPLETE_COMPARISONS, campaignId));
            consensusRows.addAll(
                    column(db, "select comparison_id::text from consensus where campaign_id = ?", campaignId));
            for (List<String> pair : rows(db, JUDGMENTS_BY_COMPARISON, campaignId)) {
                judgmentsOf.computeIfAbsent(pair.get(0), c -> new HashSet<>()).add(pair.get(1));
            }
            for (Map.Entry<String, String> invariant : INVARIANTS.entrySet()) {
                long broken = single(db, invariant.getValue(), campaignId);
                if (broken > 0) {
                    details.add(invariant.getKey() + ": " + broken);
                    violations += broken;
                }
            }
        }
        long lost = 0;
        for (String id : tally.acceptedJudgments()) {
            if (!inDatabase.contains(id)) {
                details.add("acknowledged judgment " + id + " is not in the database");
                lost++;
            } else if (!onTopic.containsKey(id)) {
                details.add("acknowledged judgment " + id + " is not on the topic");
                lost++;
            }
        }
        for (String id : inDatabase) {
            if (!onTopic.containsKey(id) && !tally.acceptedJudgments().contains(id)) {
                details.add("committed judgment " + id + " (answer unknown to the client) is not on the topic");
                lost++;
            }
        }
        for (String id : tally.leases()) {
            if (!assignments.contains(id)) {
                details.add("acknowledged lease " + id + " is not in the database");
                lost++;
            }
        }
        long phantom =
                onTopic.keySet().stream().filter(id -> !inDatabase.contains(id)).count();
        if (phantom > 0) {
            details.add(phantom + " judgments on the topic were never committed");
        }
        long duplicates = onTopic.values().stream().mapToLong(n -> n - 1).sum();

        Map<String, Integer> consensusSeen = new HashMap<>();
        consensusOnTopic.forEach(r -> consensusSeen.merge(r.comparisonId(), 1, Integer::sum));
        long consensusLost = 0;
        for (String comparison : complete) {
            if (!consensusRows.contains(comparison)) {
                details.add("complete comparison " + comparison + " has no consensus row");
                consensusLost++;
            } else if (!consensusSeen.containsKey(comparison)) {
                details.add("consensus of complete comparison " + comparison + " is not on the topic");
                consensusLost++;
            }
        }
        long consensusPhantom = consensusSeen.keySet().stream()
                .filter(id -> !consensusRows.contains(id))
                .count();
        if (consensusPhantom > 0) {
            details.add(consensusPhantom + " consensus records on the topic name a comparison without a consensus row");
        }
        for (ConsensusOnTopic record : consensusOnTopic) {
            if (!consensusRows.contains(record.comparisonId())) {
                continue; // a phantom, counted above
            }
            Set<String> expected = judgmentsOf.getOrDefault(record.comparisonId(), Set.of());
            Set<String> named = new HashSet<>(record.judgmentIds());
            if (!record.comparisonId().equals(record.header())) {
                details.add("consensus record of " + record.comparisonId() + " has header " + record.header());
                violations++;
            } else if (!named.equals(expected)
                    || named.size() != record.judgmentIds().size()
                    || record.judgmentIds().size() != overlap) {
                details.add("consensus record of " + record.comparisonId() + " names judgments " + record.judgmentIds()
                        + ", the database has " + expected + " (overlap " + overlap + ")");
                violations++;
            }
        }
        ConsensusFigures consensus = new ConsensusFigures(
                consensusOnTopic.size(),
                consensusLost,
                consensusPhantom,
                consensusSeen.values().stream().mapToLong(n -> n - 1).sum());
        return new Result(
                lost, phantom, duplicates, consensus, violations, details.subList(0, Math.min(20, details.size())));
    }

    static void awaitOutboxDrained(FaultStack stack) {
        Awaitility.await("outbox drained")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> outboxPending(stack) == 0);
    }

    static long outboxPending(FaultStack stack) throws SQLException {
        try (Connection db = stack.postgres().connect()) {
            return single(db, "select count(*) from outbox where state = 'pending'");
        }
    }

    /** judgment_id -> how often it is on the topic, for one campaign, read from the start by a fresh consumer. */
    static Map<String, Integer> topicJudgments(String bootstrap, String campaign) {
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode value : readAll(bootstrap, "fairwise.preferences.v1")) {
            if (campaign.equals(value.path("campaign").asText())) {
                seen.merge(value.path("judgment_id").asText(), 1, Integer::sum);
            }
        }
        return seen;
    }

    /** One consensus record of a campaign as read from the topic: its comparison, header and judgments. */
    record ConsensusOnTopic(String comparisonId, String header, List<String> judgmentIds) {}

    /** Every consensus record of one campaign, read from the start by a fresh consumer, copies included. */
    static List<ConsensusOnTopic> topicConsensus(String bootstrap, String campaign) {
        List<ConsensusOnTopic> seen = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records(bootstrap, "fairwise.consensus.v1")) {
            JsonNode value;
            try {
                value = Api.JSON.readTree(record.value());
            } catch (Exception e) {
                throw new IllegalStateException("a consensus record is not JSON: " + record.value(), e);
            }
            if (!campaign.equals(value.path("campaign").asText())) {
                continue;
            }
            Header header = record.headers().lastHeader("fairwise-comparison-id");
            List<String> judgments = new ArrayList<>();
            value.path("judgment_ids").forEach(id -> judgments.add(id.asText()));
            seen.add(new ConsensusOnTopic(
                    value.path("comparison_id").asText(),
                    header == null ? null : new String(header.value(), StandardCharsets.UTF_8),
                    judgments));
        }
        return seen;
    }

    /** Every record of a topic, as JSON where it parses (others are skipped), up to the end offsets of now. */
    static List<JsonNode> readAll(String bootstrap, String topic) {
        List<JsonNode> values = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records(bootstrap, topic)) {
            try {
                values.add(Api.JSON.readTree(record.value()));
            } catch (Exception e) {
                // not JSON: dead letters of unparseable input are read with records()
            }
        }
        return values;
    }

    static List<ConsumerRecord<String, String>> records(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "fault-audit-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 2 minutes");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
        }
        return all;
    }

    private static Map<String, String> invariants() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put(
                "comparisons with more judgments than the overlap",
                "select count(*) from comparison c join campaign k on k.id = c.campaign_id where k.id = ?"
                        + " and (select count(*) from judgment j where j.comparison_id = c.id) > k.overlap");
        checks.put(
                "comparisons with more live and submitted assignments than the overlap",
                "select count(*) from comparison c join campaign k on k.id = c.campaign_id where k.id = ?"
                        + " and (select count(*) from assignment a where a.comparison_id = c.id"
                        + " and a.state in ('live', 'submitted')) > k.overlap");
        checks.put(
                "comparisons whose counters disagree with their rows",
                "select count(*) from comparison c where c.campaign_id = ?"
                        + " and (c.judgments <> (select count(*) from judgment j where j.comparison_id = c.id)"
                        + " or c.live_leases <> (select count(*) from assignment a where a.comparison_id = c.id and a.state = 'live'))");
        checks.put(
                "comparisons complete before the overlap, or open after it",
                "select count(*) from comparison c join campaign k on k.id = c.campaign_id where k.id = ?"
                        + " and (c.state = 'complete') <> (c.judgments >= k.overlap)");
        checks.put(
                "raters given the same comparison twice",
                "select count(*) from (select 1 from assignment where campaign_id = ?"
                        + " group by comparison_id, rater having count(*) > 1) twice");
        checks.put(
                "raters with two live leases in the campaign",
                "select count(*) from (select 1 from assignment where campaign_id = ? and state = 'live'"
                        + " group by rater having count(*) > 1) twice");
        checks.put(
                "judgments without a submitted assignment",
                "select count(*) from judgment j join assignment a on a.id = j.assignment_id"
                        + " where j.campaign_id = ? and a.state <> 'submitted'");
        checks.put(
                "judgments without their outbox row",
                "select count(*) from judgment j where j.campaign_id = ?"
                        + " and not exists (select 1 from outbox o where o.event_id = j.id)");
        checks.put(
                "ended assignments whose worked time has no pay entry",
                "select count(*) from assignment a where a.campaign_id = ?"
                        + " and (a.state in ('submitted', 'skipped')"
                        + " or (a.state = 'expired' and a.last_seen_at > a.leased_at))"
                        + " and not exists (select 1 from pay_entry p where p.ref = a.id::text)");
        checks.put(
                "pay entries whose paid time disagrees with their assignment",
                "select count(*) from pay_entry p join assignment a on p.ref = a.id::text"
                        + " where a.campaign_id = ? and p.kind in ('judgment', 'skip', 'expired')"
                        + " and p.paid_ms <> a.active_ms");
        checks.put(
                "complete comparisons (not gold) without a consensus row",
                "select count(*) from comparison c where c.campaign_id = ? and c.state = 'complete'"
                        + " and not exists (select 1 from gold_item g where g.comparison_id = c.id)"
                        + " and not exists (select 1 from consensus s where s.comparison_id = c.id)");
        checks.put(
                "consensus rows whose comparison is not complete",
                "select count(*) from consensus s join comparison c on c.id = s.comparison_id"
                        + " where s.campaign_id = ? and c.state <> 'complete'");
        checks.put(
                "consensus rows whose votes disagree with the comparison's judgments",
                "select count(*) from consensus s where s.campaign_id = ?"
                        + " and s.votes_a + s.votes_b + s.votes_tie + s.votes_both_bad"
                        + " <> (select count(*) from judgment j where j.comparison_id = s.comparison_id)");
        checks.put(
                "consensus rows without their outbox row",
                "select count(*) from consensus s where s.campaign_id = ?"
                        + " and not exists (select 1 from outbox o where o.event_id = s.comparison_id)");
        return checks;
    }

    static long single(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Each row's columns as text. */
    static List<List<String>> rows(Connection db, String sql, Object... args) throws SQLException {
        List<List<String>> values = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int c = 1; c <= columns; c++) {
                        row.add(rs.getString(c));
                    }
                    values.add(row);
                }
            }
        }
        return values;
    }

    static List<String> column(Connection db, String sql, Object... args) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
