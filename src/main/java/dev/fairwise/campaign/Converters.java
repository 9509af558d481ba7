package dev.fairwise.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** Column converters for the campaign table: enums as their lower-case wire names, criteria as JSON text. */
final class Converters {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Converters() {}

    @Converter
    static class StateConverter implements AttributeConverter<CampaignState, String> {
        @Override
        public String convertToDatabaseColumn(CampaignState state) {
            return state == null ? null : state.wire();
        }

        @Override
        public CampaignState convertToEntityAttribute(String value) {
            return value == null ? null : CampaignState.fromWire(value);
        }
    }

    @Converter
    static class StrategyConverter implements AttributeConverter<PairingStrategy, String> {
        @Override
        public String convertToDatabaseColumn(PairingStrategy strategy) {
            return strategy == null ? null : strategy.wire();
        }

        @Override
        public PairingStrategy convertToEntityAttribute(String value) {
            return value == null ? null : PairingStrategy.fromWire(value);
        }
    }

    @Converter
    static class PayKindConverter implements AttributeConverter<PayTerms.Kind, String> {
        @Override
        public String convertToDatabaseColumn(PayTerms.Kind kind) {
            return kind == null ? null : kind.wire();
        }

        @Override
        public PayTerms.Kind convertToEntityAttribute(String value) {
            return value == null ? null : PayTerms.Kind.fromWire(value);
        }
    }

    @Converter
    static class CriteriaConverter implements AttributeConverter<List<Criterion>, String> {
        private static final TypeReference<List<Criterion>> TYPE = new TypeReference<>() {};

        @Override
        public String convertToDatabaseColumn(List<Criterion> criteria) {
            try {
                return JSON.writeValueAsString(criteria == null ? List.of() : criteria);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("criteria cannot be written as JSON", e);
            }
        }

        @Override
        public List<Criterion> convertToEntityAttribute(String value) {
            try {
                return value == null ? List.of() : List.copyOf(JSON.readValue(value, TYPE));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored criteria are not valid JSON", e);
            }
        }
    }
}
