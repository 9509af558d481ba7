package dev.fairwise.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairwise.api.ApiException;
import dev.fairwise.api.ProblemType;
import dev.fairwise.assignment.AssignmentStore;
import dev.fairwise.ingest.CompletionIngestService;
import dev.fairwise.ingest.CompletionParser;
import dev.fairwise.ingest.CompletionRecord;
import dev.fairwise.ingest.CompletionStore;
import dev.fairwise.ingest.Message;
import dev.fairwise.ingest.RejectedCompletion;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Adds and lists gold items. The texts are checked by the completion parser, so a gold item obeys every
 * rule an ingested completion does (sizes, roles, tags) and is shown to raters exactly like any other item.
 */
@ApplicationScoped
public class GoldService {
    private static final ObjectReader MESSAGES = new ObjectMapper().readerFor(new TypeReference<List<Message>>() {});

    private final Pool pool;
    private final Clock clock;
    private final CompletionParser parser;
    private final ObjectMapper json = new ObjectMapper();

    GoldService(Pool pool, Clock clock, CompletionParser parser) {
        this.pool = pool;
        this.clock = clock;
        this.parser = parser;
    }

    /** Adds a gold item to a campaign that is not closed. */
    public Uni<GoldView> add(String slug, GoldRequests.NewGold request, String admin) {
        String key = "gold-" + UUID.randomUUID();
        CompletionRecord a = parse(slug, key, request.prompt(), request.responseA(), request, "response_a");
        CompletionRecord b = parse(slug, key, request.prompt(), request.responseB(), request, "response_b");
        String prompt = parser.toJson(a.prompt());
        Instant now = clock.instant();
        return pool.withTransaction(db -> GoldStore.campaign(db, slug).chain(target -> {
                    if (target == null) {
                        throw ApiException.notFound("no campaign '" + slug + "'");
                    }
                    if ("closed".equals(target.state())) {
                        throw new ApiException(ProblemType.CAMPAIGN_NOT_ACTIVE, "campaign '" + slug + "' is closed");
                    }
                    String[] tags = a.contentTags().stream().sorted().distinct().toArray(String[]::new);
                    return CompletionStore.insertGoldTexts(
                                    db,
                                    target.id(),
                                    key,
                                    prompt,
                                    CompletionIngestService.sha256(prompt),
                                    parser.toJson(a.response()),
                                    parser.toJson(b.response()),
                                    tags,
                                    now)
                            .chain(texts -> AssignmentStore.insertGold(
                                    db,
                                    target.id(),
                                    texts.promptId(),
                                    texts.completionA(),
                                    texts.completionB(),
                                    tags,
                                    now))
                            .call(id -> GoldStore.insert(
                                    db,
                                    id,
                                    target.id(),
                                    request.verdict().wire(),
                                    request.explanation().strip(),
                                    admin,
                                    now));
                }))
                .map(id -> new GoldView(
                        id,
                        slug,
                        a.prompt(),
                        a.response(),
                        b.response(),
                        a.contentTags().stream().sorted().distinct().toList(),
                        request.verdict().wire(),
                        request.explanation().strip(),
                        0,
                        0,
                        now));
    }

    /** A page of a campaign's gold items, oldest first. */
    public Uni<GoldView.Page> list(String slug, int page, int size) {
        return pool.withConnection(db -> GoldStore.campaign(db, slug).chain(target -> {
            if (target == null) {
                throw ApiException.notFound("no campaign '" + slug + "'");
            }
            return GoldStore.list(db, target.id(), size, (long) page * size)
                    .chain(items -> GoldStore.count(db, target.id())
                            .map(total -> new GoldView.Page(
                                    items.stream()
                                            .map(g -> new GoldView(
                                                    g.id(),
                                                    slug,
                                                    read(g.prompt()),
                                                    read(g.responseA()),
                                                    read(g.responseB()),
                                                    g.tags(),
                                                    g.verdict(),
                                                    g.explanation(),
                                                    g.judgments(),
                                                    g.agreed(),
                                                    g.createdAt()))
                                            .toList(),
                                    total)));
        }));
    }

    /** Checks the texts as a completion record of the campaign; a rule broken is a 400 naming the field. */
    private CompletionRecord parse(
            String slug, String key, Object prompt, Object response, GoldRequests.NewGold request, String field) {
        ObjectNode node = json.createObjectNode();
        node.put("completion_id", key + "-" + field);
        node.put("campaign", slug);
        node.put("prompt_id", key);
        node.set("prompt", json.valueToTree(prompt));
        node.put("model", "gold");
        node.set("response", json.valueToTree(response));
        if (request.contentTags() != null) {
            node.set("content_tags", json.valueToTree(request.contentTags()));
        }
        try {
            return parser.parse(node);
        } catch (RejectedCompletion e) {
            String detail = e.getMessage();
            String named = detail.startsWith("response")
                    ? field
                    : detail.startsWith("content_tags") ? "content_tags" : "prompt";
            throw ApiException.invalid(named, detail);
        }
    }

    private static List<Message> read(String messages) {
        try {
            return MESSAGES.readValue(messages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored messages are unreadable", e);
        }
    }
}
