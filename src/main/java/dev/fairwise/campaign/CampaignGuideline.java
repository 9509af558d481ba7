package dev.fairwise.campaign;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** One version of a campaign's instructions. Versions are never changed or deleted. */
@Entity
@Table(name = "campaign_guideline")
public class CampaignGuideline {
    @EmbeddedId
    Key key;

    String instructions;

    /** What changed, in a line raters read before their next lease; null for the first version. */
    String changelog;

    @Column(name = "created_at")
    Instant createdAt;

    CampaignGuideline() {}

    CampaignGuideline(long campaignId, int version, String instructions, String changelog, Instant createdAt) {
        this.key = new Key(campaignId, version);
        this.instructions = instructions;
        this.changelog = changelog;
        this.createdAt = createdAt;
    }

    /** Composite key: campaign and version. */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "campaign_id")
        long campaignId;

        int version;

        Key() {}

        Key(long campaignId, int version) {
            this.campaignId = campaignId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.campaignId == campaignId && k.version == version;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(campaignId) * 31 + version;
        }
    }
}
