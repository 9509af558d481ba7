package dev.fairwise.ingest;

import java.util.List;

/**
 * A validated completion (DESIGN.md §2), with plain-string prompts and responses already turned into
 * messages.
 */
public record CompletionRecord(
        String completionId,
        String campaign,
        String promptId,
        List<Message> prompt,
        String model,
        List<Message> response,
        List<String> contentTags,
        String metadataJson) {}
