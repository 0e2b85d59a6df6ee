package dev.orderstream.catalog;

import dev.orderstream.common.DomainException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** At least one line is short of stock; nothing was held. */
public class InsufficientStockException extends DomainException {

    private final List<Shortage> shortages;

    public InsufficientStockException(List<Shortage> shortages) {
        super(Kind.CONFLICT, "insufficient-stock", "Insufficient stock", "Not enough stock for "
                + shortages.stream().map(Shortage::sku).collect(Collectors.joining(", ")));
        this.shortages = List.copyOf(shortages);
    }

    public List<Shortage> shortages() {
        return shortages;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("shortages", shortages);
    }
}
