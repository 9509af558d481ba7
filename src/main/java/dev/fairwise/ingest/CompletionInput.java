package dev.fairwise.ingest;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The documented shape of one record of a REST batch, the same as a {@code fairwise.completions.v1} record.
 * Only the contract uses it: the service reads each record as JSON and answers a per-record result, so one
 * bad record never fails the batch.
 */
@Schema(
        name = "CompletionRecord",
        description = "A completion in the fairwise.completions.v1 format; a record that breaks a rule is answered"
                + " with status rejected and a reason, never stored")
record CompletionInput(
        @Schema(required = true, minLength = 1, maxLength = 200, description = "Idempotency key")
        String completionId,

        @Schema(required = true, description = "Slug of a campaign that is not closed")
        String campaign,

        @Schema(required = true, minLength = 1, maxLength = 200)
        String promptId,

        @Schema(
                required = true,
                oneOf = {String.class, Message[].class},
                description = "A string (one user turn) or messages: an optional system turn, then user and"
                        + " assistant turns alternating, ending with a user turn")
        Object prompt,

        @Schema(required = true, minLength = 1, maxLength = 200)
        String model,

        @Schema(
                required = true,
                oneOf = {String.class, Message[].class},
                description = "A string (one assistant turn) or one or more assistant messages")
        Object response,

        @Schema(maxItems = 20, description = "Lower-case tags such as violence; [a-z][a-z0-9_]{0,39} each")
        List<String> contentTags,

        @Schema(description = "Any JSON object, 8 KB at most, kept as sent")
        Map<String, Object> metadata) {}
