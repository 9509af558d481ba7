package dev.fairwise.quality;

import dev.fairwise.ingest.Message;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A gold item as admins see it, with how raters did on it so far.
 *
 * @param id the comparison id (gold judgments name it in their preference records)
 * @param campaign the campaign's slug
 * @param prompt the prompt
 * @param responseA response a
 * @param responseB response b
 * @param contentTags its content tags
 * @param verdict the known verdict
 * @param explanation what raters read after answering
 * @param judgments judgments of it so far
 * @param agreed those whose winner was the known verdict
 * @param createdAt when it was added
 */
@Schema(name = "GoldItem")
public record GoldView(
        UUID id,
        String campaign,
        List<Message> prompt,
        List<Message> responseA,
        List<Message> responseB,
        List<String> contentTags,
        String verdict,
        String explanation,
        long judgments,
        long agreed,
        Instant createdAt) {

    /**
     * A page of gold items, oldest first.
     *
     * @param items the page
     * @param total gold items in the campaign
     */
    @Schema(name = "GoldItemPage")
    public record Page(List<GoldView> items, long total) {}
}
