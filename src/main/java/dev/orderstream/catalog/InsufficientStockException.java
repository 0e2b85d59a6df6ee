package dev.orderstream.catalog;

import dev.orderstream.common.problem.ConflictProblem;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** 409: at least one line is short of stock; nothing was held. */
public class InsufficientStockException extends ConflictProblem {

    private final List<Shortage> shortages;

    public InsufficientStockException(List<Shortage> shortages) {
        super("insufficient-stock", "Insufficient stock", "Not enough stock for "
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
