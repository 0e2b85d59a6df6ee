package dev.orderstream.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.catalog.SkuQuantity;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.List;

/** Stores the lines of a fulfillment or a return as a small JSON array beside it. */
@Converter
public class SkuQuantitiesConverter implements AttributeConverter<List<SkuQuantity>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<SkuQuantity>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<SkuQuantity> lines) {
        try {
            return JSON.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<SkuQuantity> convertToEntityAttribute(String json) {
        try {
            return List.copyOf(JSON.readValue(json, TYPE));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
