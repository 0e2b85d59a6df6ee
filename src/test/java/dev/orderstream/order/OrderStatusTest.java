package dev.orderstream.order;

import dev.orderstream.common.problem.ProblemMappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.orderstream.order.OrderStatus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transition table, pair by pair: every legal move is allowed, every other one refused with 409. */
class OrderStatusTest {

    private static final Map<OrderStatus, Set<OrderStatus>> LEGAL = Map.of(
            PENDING_PAYMENT, EnumSet.of(CONFIRMED, CANCELLED, EXPIRED),
            CONFIRMED, EnumSet.of(PARTIALLY_FULFILLED, FULFILLED, CANCELLED),
            PARTIALLY_FULFILLED, EnumSet.of(FULFILLED),
            FULFILLED, EnumSet.of(DELIVERED, PARTIALLY_RETURNED, RETURNED),
            DELIVERED, EnumSet.of(PARTIALLY_RETURNED, RETURNED),
            PARTIALLY_RETURNED, EnumSet.of(RETURNED),
            RETURNED, EnumSet.noneOf(OrderStatus.class),
            CANCELLED, EnumSet.noneOf(OrderStatus.class),
            EXPIRED, EnumSet.noneOf(OrderStatus.class));

    static Stream<Arguments> everyPair() {
        return Stream.of(values()).flatMap(from -> Stream.of(values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void eachPairIsLegalExactlyWhenTheTableSaysSo(OrderStatus from, OrderStatus to) {
        boolean legal = LEGAL.get(from).contains(to);
        assertEquals(legal, from.canMoveTo(to));
        if (legal) {
            from.requireNext(to);
        } else {
            IllegalTransitionException refused = assertThrows(IllegalTransitionException.class, () -> from.requireNext(to));
            assertEquals(from, refused.current());
            assertEquals(409, ProblemMappers.statusOf(refused.kind()));
            assertTrue(refused.detail().contains(from.name()));
        }
    }

    @Test
    void statusNeverMovesBackwards() {
        for (OrderStatus from : values()) {
            assertTrue(!from.canMoveTo(from), from + " must not move to itself");
        }
        assertTrue(!CONFIRMED.canMoveTo(PENDING_PAYMENT));
        assertTrue(!DELIVERED.canMoveTo(FULFILLED));
        assertTrue(!RETURNED.canMoveTo(PARTIALLY_RETURNED));
    }

    @Test
    void returnedCancelledAndExpiredAreFinal() {
        for (OrderStatus end : EnumSet.of(RETURNED, CANCELLED, EXPIRED)) {
            assertTrue(Arrays.stream(values()).noneMatch(end::canMoveTo), end + " should be final");
        }
    }
}
