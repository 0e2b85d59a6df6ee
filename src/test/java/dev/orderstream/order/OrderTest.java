package dev.orderstream.order;

import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.common.Money;
import dev.orderstream.common.problem.ProblemMappers;
import dev.orderstream.event.OrderEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.orderstream.support.OrderMother.*;
import static org.junit.jupiter.api.Assertions.*;

/** The order aggregate's verbs, legal and illegal, without a database. */
class OrderTest {

    private static final Instant LATER = T0.plusSeconds(3600);

    private static List<String> types(OrderChange change) {
        return change.events().stream().map(OrderEvent::type).toList();
    }

    private static SkuQuantity units(String sku, int quantity) {
        return new SkuQuantity(sku, quantity);
    }

    @Nested
    class Placement {

        @Test
        void placingPricesLinesHoldsEveryUnitAndRecordsThePlacedEvent() {
            OrderChange change = Order.place(7, new Customer("c", "c@example.com", "web"), address(),
                    List.of(new PricedLine("B", "Beta", eur(500), 1), new PricedLine("A", "Alpha", eur(1000), 2)),
                    T0, HOLD, "tok");
            Order order = change.order();
            assertEquals(OrderStatus.PENDING_PAYMENT, order.status());
            assertEquals(PaymentStatus.PENDING, order.paymentStatus());
            assertEquals(eur(2500), order.total());
            assertEquals(T0.plus(HOLD), order.reservedUntil());
            assertEquals(List.of("A", "B"), order.lines().stream().map(OrderLine::sku).toList(), "lines in SKU order");
            assertEquals(List.of(new StockEffect(StockEffect.Kind.HOLD, List.of(units("A", 2), units("B", 1)))),
                    change.stock());
            assertEquals(List.of("order.placed"), types(change));
            assertEquals(1, change.events().get(0).sequence());
        }

        @Test
        void anOrderAndItsLinesAreKeyedByIdsOfTheirPlacementsMillisecond() {
            Order order = Order.place(7, new Customer("c", "c@example.com", "web"), address(),
                    List.of(new PricedLine("B", "Beta", eur(500), 1), new PricedLine("A", "Alpha", eur(1000), 2)),
                    T0, HOLD, "tok").order();
            List<UUID> ids = new java.util.ArrayList<>(List.of(order.id()));
            order.lines().forEach(line -> ids.add(line.id()));
            for (UUID id : ids) {
                assertEquals(7, id.version(), id + " is time-ordered");
                assertEquals(T0.toEpochMilli(), id.getMostSignificantBits() >>> 16);
            }
            assertEquals(3, ids.stream().distinct().count());
        }

        @Test
        void aPlacementThatTookTheLastUnitsSaysSoInItsPlacedEventAndNowhereElse() {
            OrderChange placed = Order.place(7, new Customer("c", "c@example.com", "web"), address(),
                    List.of(new PricedLine("A", "Alpha", eur(1000), 2)), T0, HOLD, "tok");
            OrderChange soldOut = Order.soldOut(placed, List.of("A"));
            assertEquals(List.of("A"), soldOut.events().get(0).data().get("soldOut"));
            assertEquals(placed.events().get(0).data().get("lines"), soldOut.events().get(0).data().get("lines"));
            assertSame(placed.order(), soldOut.order());
            assertEquals(placed.stock(), soldOut.stock());
            assertFalse(placed.events().get(0).data().containsKey("soldOut"), "the original change is left as it was");
            assertSame(placed, Order.soldOut(placed, List.of()), "nothing sold out, nothing to say");
        }

        @Test
        void anOrderIsInOneCurrency() {
            var refused = assertThrows(OrderRuleViolation.class, () -> Order.place(7,
                    new Customer("c", "c@example.com", "web"), address(),
                    List.of(new PricedLine("A", "Alpha", eur(1000), 1),
                            new PricedLine("B", "Beta", new Money(500, "USD"), 1)), T0, HOLD, "tok"));
            assertEquals(422, ProblemMappers.statusOf(refused.kind()));
            assertTrue(refused.detail().contains("B"));
        }

        @Test
        void aSkuMayAppearOnOneLineOnly() {
            assertThrows(OrderRuleViolation.class, () -> Order.place(7, new Customer("c", "c@example.com", "web"),
                    address(), List.of(new PricedLine("A", "Alpha", eur(1000), 1),
                            new PricedLine("A", "Alpha", eur(1000), 2)), T0, HOLD, "tok"));
        }
    }

    @Nested
    class Payment {

        @Test
        void authorizingTheTotalConfirmsAndStopsTheHoldFromExpiring() {
            Order order = placed();
            OrderChange change = order.authorizePayment(eur(2500), "psp", "a1", LATER);
            assertEquals(OrderStatus.CONFIRMED, order.status());
            assertEquals(PaymentStatus.AUTHORIZED, order.paymentStatus());
            assertNull(order.reservedUntil());
            assertEquals(List.of("order.payment_authorized", "order.confirmed"), types(change));
            assertEquals(List.of(2, 3), change.events().stream().map(OrderEvent::sequence).toList());
            assertEquals(OrderStatus.PENDING_PAYMENT.name(), change.events().get(0).status(), "statuses right after each event");
            assertEquals(OrderStatus.CONFIRMED.name(), change.events().get(1).status());
        }

        @Test
        void anAuthorizationForAnotherAmountOrCurrencyIsRefused() {
            Order order = placed();
            assertThrows(OrderRuleViolation.class, () -> order.authorizePayment(eur(2499), "psp", "a1", LATER));
            assertThrows(OrderRuleViolation.class, () -> order.authorizePayment(new Money(2500, "USD"), "psp", "a1", LATER));
            assertEquals(OrderStatus.PENDING_PAYMENT, order.status());
            assertTrue(order.payments().records().isEmpty());
        }

        @Test
        void theSameAuthorizationDeliveredTwiceChangesNothing() {
            Order order = confirmed();
            OrderChange again = order.authorizePayment(eur(2500), "psp", "auth-1", LATER);
            assertTrue(again.isNoOp());
            assertEquals(1, order.payments().records().size());
        }

        @Test
        void aSecondDifferentAuthorizationIsAConflict() {
            Order order = confirmed();
            assertThrows(IllegalTransitionException.class, () -> order.authorizePayment(eur(2500), "psp", "other", LATER));
        }

        @Test
        void captureUpToWhatWasAuthorized() {
            Order order = confirmed();
            order.capturePayment(eur(1000), "psp", "c1", LATER);
            assertEquals(PaymentStatus.PAID, order.paymentStatus());
            assertThrows(OrderRuleViolation.class, () -> order.capturePayment(eur(1501), "psp", "c2", LATER));
            OrderChange rest = order.capturePayment(eur(1500), "psp", "c2", LATER);
            assertEquals(List.of("order.payment_captured"), types(rest));
            assertEquals(2500, order.payments().totals().captured());
        }

        @Test
        void captureRemainingTakesWhatIsLeftOnceAndThenHasNothingToCapture() {
            Order order = confirmed();
            order.capturePayment(eur(1000), "psp", "c1", LATER);
            OrderChange rest = order.captureRemaining("bulk", "job-1", LATER);
            assertEquals(List.of("order.payment_captured"), types(rest));
            assertEquals(2500, order.payments().totals().captured());
            assertEquals(PaymentStatus.PAID, order.paymentStatus());
            assertTrue(order.captureRemaining("bulk", "job-1", LATER).isNoOp(), "the same job's capture again");
            OrderRuleViolation nothing = assertThrows(OrderRuleViolation.class,
                    () -> order.captureRemaining("bulk", "job-2", LATER));
            assertEquals("nothing-to-capture", nothing.type());
        }

        @Test
        void captureRemainingOfAVoidedAuthorizationHasNothingToCapture() {
            Order order = confirmed();
            order.voidPayment(eur(2500), "psp", "v1", LATER);
            assertThrows(OrderRuleViolation.class, () -> order.captureRemaining("bulk", "job-1", LATER));
            assertEquals(0, order.payments().totals().captured());
        }

        @Test
        void captureRemainingWithoutAuthorizationIsAConflict() {
            assertThrows(IllegalTransitionException.class, () -> placed().captureRemaining("bulk", "job-1", LATER));
            assertThrows(IllegalTransitionException.class,
                    () -> dev.orderstream.support.OrderMother.cancelled().captureRemaining("bulk", "job-1", LATER));
        }

        @Test
        void captureWithoutAuthorizationIsAConflict() {
            assertThrows(IllegalTransitionException.class, () -> placed().capturePayment(eur(100), "psp", "c1", LATER));
        }

        @Test
        void voidingTheUncapturedAuthorization() {
            Order order = confirmed();
            assertThrows(OrderRuleViolation.class, () -> order.voidPayment(eur(100), "psp", "v1", LATER));
            OrderChange change = order.voidPayment(eur(2500), "psp", "v1", LATER);
            assertEquals(List.of("order.payment_voided"), types(change));
            assertEquals(PaymentStatus.VOIDED, order.paymentStatus());
            assertThrows(OrderRuleViolation.class, () -> order.voidPayment(eur(2500), "psp", "v2", LATER));
        }

        @Test
        void nothingCapturedCannotBeVoidedOnceFullyCaptured() {
            Order order = paid();
            assertThrows(OrderRuleViolation.class, () -> order.voidPayment(eur(2500), "psp", "v1", LATER));
        }

        static Stream<Arguments> closedOrders() {
            return Stream.of(Arguments.of("cancelled", (Supplier<Order>) dev.orderstream.support.OrderMother::cancelled),
                    Arguments.of("expired", (Supplier<Order>) dev.orderstream.support.OrderMother::expired));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("closedOrders")
        void aClosedOrderTakesNoPayment(String name, Supplier<Order> closed) {
            assertThrows(IllegalTransitionException.class, () -> closed.get().authorizePayment(eur(2500), "psp", "a", LATER));
            assertThrows(IllegalTransitionException.class, () -> closed.get().capturePayment(eur(2500), "psp", "c", LATER));
            assertThrows(IllegalTransitionException.class, () -> closed.get().voidPayment(eur(2500), "psp", "v", LATER));
        }

        @Test
        void refundsArePartialOrWholeButNeverAboveWhatWasCaptured() {
            Order order = paid();
            order.refund(eur(500), "goodwill", null, LATER);
            assertEquals(PaymentStatus.PARTIALLY_REFUNDED, order.paymentStatus());
            assertThrows(OrderRuleViolation.class, () -> order.refund(eur(2001), "too much", null, LATER));
            OrderChange rest = order.refund(eur(2000), "rest", null, LATER);
            assertEquals(List.of("order.refunded"), types(rest));
            assertEquals(PaymentStatus.REFUNDED, order.paymentStatus());
            assertThrows(OrderRuleViolation.class, () -> order.refund(eur(1), "nothing left", null, LATER));
        }

        @Test
        void aRefundWithoutCaptureOrForAnUnknownReturnIsRefused() {
            assertThrows(OrderRuleViolation.class, () -> confirmed().refund(eur(100), "x", null, LATER));
            assertThrows(OrderRuleViolation.class, () -> paid().refund(eur(100), "x", UUID.randomUUID(), LATER));
            assertThrows(OrderRuleViolation.class, () -> paid().refund(eur(0), "x", null, LATER));
        }
    }

    @Nested
    class Fulfillment {

        @Test
        void aPartialShipmentThenTheRest() {
            Order order = paid();
            OrderChange first = order.fulfill(List.of(units("A", 1)), "DHL", "T-1", "https://t/1", LATER);
            assertEquals(OrderStatus.PARTIALLY_FULFILLED, order.status());
            assertEquals(List.of(new StockEffect(StockEffect.Kind.SHIP, List.of(units("A", 1)))), first.stock());
            assertEquals(List.of("order.fulfillment_created"), types(first));

            OrderChange second = order.fulfill(List.of(units("A", 1), units("B", 1)), "DHL", "T-2", null, LATER);
            assertEquals(OrderStatus.FULFILLED, order.status());
            assertEquals(List.of("order.fulfillment_created", "order.fulfilled"), types(second));
            assertTrue(order.lines().stream().allMatch(line -> line.shippedQuantity() == line.quantity()));
        }

        @Test
        void neverMoreThanWasOrderedAndNotYetShipped() {
            Order order = partiallyFulfilled();
            var refused = assertThrows(OrderRuleViolation.class,
                    () -> order.fulfill(List.of(units("A", 2)), "DHL", "T-2", null, LATER));
            assertTrue(refused.detail().contains("Only 1 of A"));
            assertThrows(OrderRuleViolation.class, () -> order.fulfill(List.of(units("Z", 1)), "DHL", "T-3", null, LATER));
            assertEquals(1, order.fulfillments().size());
        }

        @Test
        void theSameShipmentAgainChangesNothing() {
            Order order = partiallyFulfilled();
            assertTrue(order.fulfill(List.of(units("A", 1)), "DHL", "T-1", null, LATER).isNoOp());
            assertEquals(1, order.fulfillments().size());
        }

        static Stream<Arguments> notShippable() {
            return Stream.of(
                    Arguments.of("pending payment", (Supplier<Order>) dev.orderstream.support.OrderMother::placed),
                    Arguments.of("cancelled", (Supplier<Order>) dev.orderstream.support.OrderMother::cancelled),
                    Arguments.of("expired", (Supplier<Order>) dev.orderstream.support.OrderMother::expired),
                    Arguments.of("fulfilled", (Supplier<Order>) dev.orderstream.support.OrderMother::fulfilled),
                    Arguments.of("delivered", (Supplier<Order>) dev.orderstream.support.OrderMother::delivered),
                    Arguments.of("returned", (Supplier<Order>) dev.orderstream.support.OrderMother::returned));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("notShippable")
        void shippingNeedsAConfirmedOrPartlyShippedOrder(String name, Supplier<Order> order) {
            assertThrows(IllegalTransitionException.class,
                    () -> order.get().fulfill(List.of(units("B", 1)), "UPS", "new", null, LATER));
        }

        @Test
        void deliveredOnceEveryShipmentArrived() {
            Order order = paid();
            order.fulfill(List.of(units("A", 2)), "DHL", "T-1", null, LATER);
            order.fulfill(List.of(units("B", 1)), "DHL", "T-2", null, LATER);
            OrderChange first = order.deliver(order.fulfillments().get(0).id(), LATER);
            assertEquals(List.of("order.shipment_delivered"), types(first));
            assertEquals(OrderStatus.FULFILLED, order.status());
            OrderChange last = order.deliver(order.fulfillments().get(1).id(), LATER);
            assertEquals(List.of("order.shipment_delivered", "order.delivered"), types(last));
            assertEquals(OrderStatus.DELIVERED, order.status());
        }

        @Test
        void aDeliveryBeforeEverythingShippedDoesNotDeliverTheOrder() {
            Order order = partiallyFulfilled();
            order.deliver(order.fulfillments().get(0).id(), LATER);
            assertEquals(OrderStatus.PARTIALLY_FULFILLED, order.status());
        }

        @Test
        void aRepeatedOrLateDeliveryChangesNothing() {
            Order order = delivered();
            assertTrue(order.deliver(order.fulfillments().get(0).id(), LATER).isNoOp());
            assertEquals(OrderStatus.DELIVERED, order.status());
        }

        @Test
        void aDeliveryOfAnUnknownShipmentIsNotFound() {
            assertThrows(FulfillmentNotFoundException.class, () -> fulfilled().deliver(UUID.randomUUID(), LATER));
        }
    }

    @Nested
    class CancellationAndExpiry {

        @Test
        void cancellingReleasesEveryHeldUnit() {
            Order order = placed();
            OrderChange change = order.cancel(CancellationReason.CUSTOMER, "changed mind", LATER);
            assertEquals(OrderStatus.CANCELLED, order.status());
            assertEquals(List.of(new StockEffect(StockEffect.Kind.RELEASE, List.of(units("A", 2), units("B", 1)))),
                    change.stock());
            assertEquals(List.of("order.cancelled"), types(change));
            // nothing is held any more: a repeated cancellation has nothing left to release
            assertTrue(order.cancel(CancellationReason.CUSTOMER, "again", LATER).stock().isEmpty());
        }

        @Test
        void cancellingAnAuthorizedOrderVoidsIt() {
            Order order = confirmed();
            OrderChange change = order.cancel(CancellationReason.MERCHANT, null, LATER);
            assertEquals(List.of("order.cancelled", "order.payment_voided"), types(change));
            assertEquals(PaymentStatus.VOIDED, order.paymentStatus());
        }

        @Test
        void cancellingAPaidOrderRefundsIt() {
            Order order = paid();
            OrderChange change = order.cancel(CancellationReason.FRAUD, null, LATER);
            assertEquals(List.of("order.cancelled", "order.refunded"), types(change));
            assertEquals(PaymentStatus.REFUNDED, order.paymentStatus());
            assertEquals(2500, order.payments().totals().refunded());
        }

        @Test
        void cancellingTwiceChangesNothing() {
            Order order = cancelled();
            assertTrue(order.cancel(CancellationReason.CUSTOMER, null, LATER).isNoOp());
        }

        static Stream<Arguments> notCancellable() {
            return Stream.of(
                    Arguments.of("partially fulfilled", (Supplier<Order>) dev.orderstream.support.OrderMother::partiallyFulfilled),
                    Arguments.of("fulfilled", (Supplier<Order>) dev.orderstream.support.OrderMother::fulfilled),
                    Arguments.of("delivered", (Supplier<Order>) dev.orderstream.support.OrderMother::delivered),
                    Arguments.of("returned", (Supplier<Order>) dev.orderstream.support.OrderMother::returned),
                    Arguments.of("expired", (Supplier<Order>) dev.orderstream.support.OrderMother::expired));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("notCancellable")
        void nothingThatShippedOrExpiredCanBeCancelled(String name, Supplier<Order> order) {
            Order subject = order.get();
            var refused = assertThrows(IllegalTransitionException.class,
                    () -> subject.cancel(CancellationReason.CUSTOMER, null, LATER));
            assertEquals(subject.status(), refused.current());
        }

        @Test
        void expiryReleasesTheHoldOnceItRanOut() {
            Order order = placed();
            assertThrows(IllegalTransitionException.class, () -> order.expire(T0.plus(HOLD).minusSeconds(1)));
            OrderChange change = order.expire(T0.plus(HOLD).plusSeconds(1));
            assertEquals(OrderStatus.EXPIRED, order.status());
            assertEquals(List.of("order.expired"), types(change));
            assertEquals(StockEffect.Kind.RELEASE, change.stock().get(0).kind());
            assertTrue(order.expire(LATER).isNoOp(), "expiring twice releases nothing twice");
        }

        @Test
        void aConfirmedOrderNeverExpires() {
            assertThrows(IllegalTransitionException.class, () -> confirmed().expire(LATER));
            assertThrows(IllegalTransitionException.class, () -> cancelled().expire(LATER));
        }
    }

    @Nested
    class Returns {

        @Test
        void aReturnCoversShippedUnitsOnly() {
            Order order = fulfilled();
            order.requestReturn(List.of(units("A", 1)), "too big", LATER);
            var refused = assertThrows(OrderRuleViolation.class,
                    () -> order.requestReturn(List.of(units("A", 2)), "both", LATER));
            assertTrue(refused.detail().contains("Only 1"), "one unit of A is already on its way back");
        }

        static Stream<Arguments> notReturnable() {
            return Stream.of(
                    Arguments.of("pending payment", (Supplier<Order>) dev.orderstream.support.OrderMother::placed),
                    Arguments.of("confirmed", (Supplier<Order>) dev.orderstream.support.OrderMother::confirmed),
                    Arguments.of("partially fulfilled", (Supplier<Order>) dev.orderstream.support.OrderMother::partiallyFulfilled),
                    Arguments.of("cancelled", (Supplier<Order>) dev.orderstream.support.OrderMother::cancelled),
                    Arguments.of("returned", (Supplier<Order>) dev.orderstream.support.OrderMother::returned));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("notReturnable")
        void returnsStartOnceEverythingShipped(String name, Supplier<Order> order) {
            assertThrows(IllegalTransitionException.class,
                    () -> order.get().requestReturn(List.of(units("A", 1)), "x", LATER));
        }

        @Test
        void receivingSomeThenAllMovesToPartiallyReturnedThenReturned() {
            Order order = delivered();
            order.requestReturn(List.of(units("A", 1)), "too big", LATER);
            OrderChange first = order.receiveReturn(order.returns().get(0).id(), true, LATER);
            assertEquals(OrderStatus.PARTIALLY_RETURNED, order.status());
            assertEquals(List.of(new StockEffect(StockEffect.Kind.RESTOCK, List.of(units("A", 1)))), first.stock());
            assertEquals(List.of("order.return_received"), types(first));

            order.requestReturn(List.of(units("A", 1), units("B", 1)), "rest", LATER);
            OrderChange last = order.receiveReturn(order.returns().get(1).id(), false, LATER);
            assertEquals(OrderStatus.RETURNED, order.status());
            assertTrue(last.stock().isEmpty(), "not restocked");
            assertEquals(List.of("order.return_received", "order.returned"), types(last));
        }

        @Test
        void receivingTwiceChangesNothing() {
            Order order = partiallyReturned();
            assertTrue(order.receiveReturn(order.returns().get(0).id(), true, LATER).isNoOp());
            assertEquals(1, order.lines().get(0).returnedQuantity());
        }

        @Test
        void aLateDeliveryAfterAReturnDoesNotMoveStatusBack() {
            Order order = fulfilled();
            order.requestReturn(List.of(units("A", 1)), "x", LATER);
            order.receiveReturn(order.returns().get(0).id(), false, LATER);
            OrderChange late = order.deliver(order.fulfillments().get(0).id(), LATER);
            assertEquals(List.of("order.shipment_delivered"), types(late));
            assertEquals(OrderStatus.PARTIALLY_RETURNED, order.status());
        }

        @Test
        void refundForAReturn() {
            Order order = partiallyReturned();
            UUID returnId = order.returns().get(0).id();
            OrderChange change = order.refund(eur(1000), "return", returnId, LATER);
            assertEquals(returnId, change.order().payments().records().get(2).returnId());
            assertEquals(PaymentStatus.PARTIALLY_REFUNDED, order.paymentStatus());
        }
    }

    @Nested
    class NotesAndFeedback {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.orderstream.order.OrderTest#everyStatus")
        void aPublicNoteIsLoggedInEveryStatusAndChangesNothingElse(String name, Supplier<Order> make) {
            Order order = make.get();
            OrderStatus before = order.status();
            OrderChange change = order.addPublicNote("Packed today", LATER);
            assertEquals(List.of("order.public_note_added"), types(change));
            assertEquals("Packed today", change.events().get(0).data().get("message"));
            assertNotNull(change.events().get(0).data().get("noteId"));
            assertEquals(before, order.status());
            assertTrue(change.stock().isEmpty());
        }

        @Test
        void feedbackIsTakenOnceAfterDelivery() {
            Order order = delivered();
            OrderChange change = order.leaveFeedback(5, "Arrived early", LATER);
            assertEquals(List.of("order.feedback_received"), types(change));
            assertEquals(5, change.events().get(0).data().get("rating"));
            assertEquals("Arrived early", change.events().get(0).data().get("comment"));
            assertEquals(5, order.feedbackRating());
            assertEquals(LATER, order.feedbackAt());
            assertEquals(OrderStatus.DELIVERED, order.status(), "feedback moves no status");
            FeedbackAlreadyGivenException twice = assertThrows(FeedbackAlreadyGivenException.class,
                    () -> order.leaveFeedback(1, null, LATER.plusSeconds(1)));
            assertEquals("feedback-already-given", twice.type());
            assertEquals(5, order.feedbackRating(), "the first stays");
        }

        @Test
        void feedbackAfterAReturnOfADeliveredOrderIsTaken() {
            assertEquals(List.of("order.feedback_received"), types(partiallyReturned().leaveFeedback(2, null, LATER)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.orderstream.order.OrderTest#notDelivered")
        void feedbackBeforeDeliveryIsRefused(String name, Supplier<Order> make) {
            Order order = make.get();
            assertThrows(IllegalTransitionException.class, () -> order.leaveFeedback(4, null, LATER));
            assertNull(order.feedbackAt());
        }

        @ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(ints = {0, 6, -1})
        void aRatingIsOneToFive(int rating) {
            Order order = delivered();
            assertThrows(OrderRuleViolation.class, () -> order.leaveFeedback(rating, null, LATER));
            assertNull(order.feedbackAt());
        }
    }

    static Stream<Arguments> notDelivered() {
        return Stream.of(
                Arguments.of("placed", (Supplier<Order>) dev.orderstream.support.OrderMother::placed),
                Arguments.of("confirmed", (Supplier<Order>) dev.orderstream.support.OrderMother::confirmed),
                Arguments.of("partially fulfilled", (Supplier<Order>) dev.orderstream.support.OrderMother::partiallyFulfilled),
                Arguments.of("fulfilled", (Supplier<Order>) dev.orderstream.support.OrderMother::fulfilled),
                Arguments.of("cancelled", (Supplier<Order>) dev.orderstream.support.OrderMother::cancelled),
                Arguments.of("expired", (Supplier<Order>) dev.orderstream.support.OrderMother::expired));
    }

    static Stream<Arguments> everyStatus() {
        return Stream.concat(notDelivered(), Stream.of(
                Arguments.of("delivered", (Supplier<Order>) dev.orderstream.support.OrderMother::delivered),
                Arguments.of("partially returned", (Supplier<Order>) dev.orderstream.support.OrderMother::partiallyReturned),
                Arguments.of("returned", (Supplier<Order>) dev.orderstream.support.OrderMother::returned)));
    }

    @Nested
    class CarrierScans {

        private static final Instant T1 = LATER.plusSeconds(60), T2 = LATER.plusSeconds(120), T3 = LATER.plusSeconds(180);
        private static final Instant ETA1 = LATER.plusSeconds(86_400), ETA2 = LATER.plusSeconds(2 * 86_400);

        private TrackingScan scan(Order order, int shipment, ShipmentStatus status, Instant happenedAt, Instant eta) {
            return new TrackingScan(UUID.randomUUID(), order.fulfillments().get(shipment).id(), status, null, happenedAt,
                    new TrackingScan.Location("Leipzig", "SN", "DE"), "scanned", eta, "carrier-x",
                    UUID.randomUUID().toString(), T3);
        }

        @Test
        void everyScanIsLoggedAndTheNewestSetsTheShipmentStatus() {
            Order order = fulfilled();
            OrderChange change = order.recordScan(scan(order, 0, ShipmentStatus.IN_TRANSIT, T1, null), T3);
            assertEquals(List.of("order.shipment_updated"), types(change));
            assertEquals(ShipmentStatus.IN_TRANSIT, order.fulfillments().get(0).shipmentStatus());
            assertEquals(OrderStatus.FULFILLED, order.status(), "a scan moves no order status but delivery");
            assertEquals(ShipmentStatus.IN_TRANSIT, change.events().get(0).data().get("shipmentStatus"));
        }

        @Test
        void theFirstEstimateIsKeptAndTheCurrentOneFollowsNewerScans() {
            Order order = fulfilled();
            OrderChange first = order.recordScan(scan(order, 0, ShipmentStatus.IN_TRANSIT, T1, ETA1), T3);
            assertEquals(List.of("order.shipment_updated", "order.delivery_estimate_changed"), types(first));
            OrderChange later = order.recordScan(scan(order, 0, ShipmentStatus.IN_TRANSIT, T2, ETA2), T3);
            assertEquals(List.of("order.shipment_updated", "order.delivery_estimate_changed"), types(later));
            assertEquals(ETA1, later.events().get(1).data().get("previousEstimatedDeliveryAt"));
            assertEquals(ETA1, order.fulfillments().get(0).firstEstimatedDeliveryAt());
            assertEquals(ETA2, order.fulfillments().get(0).estimatedDeliveryAt());
            OrderChange same = order.recordScan(scan(order, 0, ShipmentStatus.OUT_FOR_DELIVERY, T3, ETA2), T3);
            assertEquals(List.of("order.shipment_updated"), types(same), "the same estimate again changes nothing");
        }

        @Test
        void anOlderScanArrivingLateIsLoggedButMovesNothingBack() {
            Order order = fulfilled();
            order.recordScan(scan(order, 0, ShipmentStatus.OUT_FOR_DELIVERY, T2, ETA1), T3);
            OrderChange late = order.recordScan(scan(order, 0, ShipmentStatus.IN_TRANSIT, T1, ETA2), T3);
            assertEquals(List.of("order.shipment_updated"), types(late));
            assertEquals(ShipmentStatus.OUT_FOR_DELIVERY, order.fulfillments().get(0).shipmentStatus());
            assertEquals(ETA1, order.fulfillments().get(0).estimatedDeliveryAt(), "an older scan's estimate is stale");
        }

        @Test
        void anExceptionIsRaisedOnlyWhenItIsTheNewestScan() {
            Order order = fulfilled();
            OrderChange exception = order.recordScan(scan(order, 0, ShipmentStatus.EXCEPTION, T2, null), T3);
            assertEquals(List.of("order.shipment_updated", "order.shipment_exception"), types(exception));
            OrderChange older = order.recordScan(scan(order, 0, ShipmentStatus.EXCEPTION, T1, null), T3);
            assertEquals(List.of("order.shipment_updated"), types(older));
        }

        @Test
        void aDeliveredScanDeliversTheShipmentAsOfWhenItHappened() {
            Order order = fulfilled();
            OrderChange delivered = order.recordScan(scan(order, 0, ShipmentStatus.DELIVERED, T1, null), T3);
            assertEquals(List.of("order.shipment_updated", "order.shipment_delivered", "order.delivered"), types(delivered));
            assertEquals(T1, order.fulfillments().get(0).deliveredAt());
            assertEquals(T1, delivered.events().get(1).data().get("deliveredAt"));
            assertEquals(OrderStatus.DELIVERED, order.status());
            assertEquals(OrderStatus.FULFILLED.name(), delivered.events().get(0).status(),
                    "each event carries the status at its moment");
        }

        @Test
        void aLateInTransitAfterDeliveryChangesNothing() {
            Order order = fulfilled();
            order.recordScan(scan(order, 0, ShipmentStatus.DELIVERED, T2, null), T3);
            OrderChange late = order.recordScan(scan(order, 0, ShipmentStatus.IN_TRANSIT, T3, ETA2), T3);
            assertEquals(List.of("order.shipment_updated"), types(late));
            assertEquals(ShipmentStatus.DELIVERED, order.fulfillments().get(0).shipmentStatus());
            assertEquals(ShipmentStatus.DELIVERED, late.events().get(0).data().get("shipmentStatus"));
            assertNull(order.fulfillments().get(0).estimatedDeliveryAt());
            assertEquals(OrderStatus.DELIVERED, order.status());
        }

        @Test
        void aDeliveredScanAfterTheDeliveryEndpointDeliversNothingTwice() {
            Order order = delivered();
            OrderChange again = order.recordScan(scan(order, 0, ShipmentStatus.DELIVERED, T1, null), T3);
            assertEquals(List.of("order.shipment_updated"), types(again));
        }

        @Test
        void aDeliveredScanOfOneOfTwoShipmentsDeliversThatShipmentOnly() {
            Order order = paid();
            order.fulfill(List.of(units("A", 2)), "DHL", "T-1", null, LATER);
            order.fulfill(List.of(units("B", 1)), "DHL", "T-2", null, LATER);
            OrderChange first = order.recordScan(scan(order, 0, ShipmentStatus.DELIVERED, T1, null), T3);
            assertEquals(List.of("order.shipment_updated", "order.shipment_delivered"), types(first));
            assertEquals(OrderStatus.FULFILLED, order.status());
        }

        @Test
        void aScanOfAnUnknownShipmentOrFromTheFutureIsRefused() {
            Order order = fulfilled();
            TrackingScan unknown = new TrackingScan(UUID.randomUUID(), UUID.randomUUID(), ShipmentStatus.IN_TRANSIT,
                    null, T1, null, null, null, "carrier-x", "e-1", T3);
            assertThrows(FulfillmentNotFoundException.class, () -> order.recordScan(unknown, T3));
            TrackingScan future = scan(order, 0, ShipmentStatus.IN_TRANSIT, T3.plus(Order.SCAN_CLOCK_SKEW).plusSeconds(1), null);
            assertEquals("scan-in-the-future",
                    assertThrows(OrderRuleViolation.class, () -> order.recordScan(future, T3)).type());
            assertNull(order.fulfillments().get(0).shipmentStatus(), "a refused scan changes nothing");
        }
    }

    @Test
    void aStaleVersionIsRefusedWith412() {
        Order order = placed();
        order.requireVersion(null);
        order.requireVersion(0L);
        assertEquals(412, ProblemMappers.statusOf(
                assertThrows(StaleVersionException.class, () -> order.requireVersion(3L)).kind()));
    }

    @Test
    void sequencesGrowByOneWithoutGapsAcrossTheWholeLife() {
        Order order = placed();
        List<OrderChange> changes = new java.util.ArrayList<>();
        Consumer<OrderChange> keep = changes::add;
        keep.accept(order.authorizePayment(eur(2500), "psp", "a", LATER));
        keep.accept(order.capturePayment(eur(2500), "psp", "c", LATER));
        keep.accept(order.fulfill(List.of(units("A", 2), units("B", 1)), "DHL", "T", null, LATER));
        keep.accept(order.deliver(order.fulfillments().get(0).id(), LATER));
        keep.accept(order.requestReturn(List.of(units("B", 1)), "x", LATER));
        keep.accept(order.receiveReturn(order.returns().get(0).id(), true, LATER));
        keep.accept(order.refund(eur(500), "return", order.returns().get(0).id(), LATER));
        List<Integer> sequences = changes.stream().flatMap(c -> c.events().stream()).map(OrderEvent::sequence).toList();
        for (int i = 0; i < sequences.size(); i++) {
            assertEquals(i + 2, sequences.get(i));
        }
    }

    @Nested
    class Attention {

        /** Monday to Friday, 9 to 17 UTC; 16 business hours, 2 days without a scan, 4 days stalled, no grace. */
        private final AttentionPolicy policy = new AttentionPolicy(new BusinessHours(java.time.ZoneOffset.UTC,
                java.time.LocalTime.of(9, 0), java.time.LocalTime.of(17, 0),
                java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY)),
                java.time.Duration.ofHours(16), java.time.Duration.ofDays(2), java.time.Duration.ofDays(4),
                java.time.Duration.ZERO);

        @Test
        void confirmedButNotShippedFiresOnceAfterSixteenBusinessHoursAndClearsWhenShipped() {
            Order order = confirmed(); // confirmed Thursday 2026-11-26 10:01 UTC
            assertTrue(order.reviewAttention(policy, Instant.parse("2026-11-30T09:59:00Z")).isNoOp(), "a minute short of 16 business hours");
            OrderChange fired = order.reviewAttention(policy, Instant.parse("2026-11-30T10:30:00Z")); // Monday: 7 + 8 + 1.5 h
            assertEquals(List.of("order.attention_needed"), types(fired));
            assertEquals("confirmed_not_shipped", fired.events().get(0).data().get("rule"));
            assertEquals(java.util.EnumSet.of(AttentionRule.CONFIRMED_NOT_SHIPPED), order.attentionRules());
            assertTrue(order.reviewAttention(policy, Instant.parse("2026-12-01T09:30:00Z")).isNoOp(), "once");
            order.capturePayment(eur(2500), "psp", "cap-1", LATER);
            order.fulfill(List.of(units("A", 1)), "DHL", "T-9", null, Instant.parse("2026-12-01T10:00:00Z"));
            OrderChange cleared = order.reviewAttention(policy, Instant.parse("2026-12-01T10:00:00Z"));
            assertEquals(List.of("order.attention_cleared"), types(cleared));
            assertTrue(order.attentionRules().isEmpty());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.orderstream.order.OrderTest#everyStatus")
        void nothingHoldsBeforePaymentOrAfterShippingEnds(String name, Supplier<Order> state) {
            Order order = state.get();
            OrderChange change = order.reviewAttention(policy, T0.plus(java.time.Duration.ofDays(30)));
            boolean inFlight = order.status() == OrderStatus.CONFIRMED || order.status() == OrderStatus.PARTIALLY_FULFILLED
                    || order.status() == OrderStatus.FULFILLED;
            assertEquals(inFlight, !change.isNoOp(), name);
        }

        @Test
        void aShipmentWithoutScanThenStalledThenLateThenInException() {
            Order order = fulfilled(); // shipped 2026-11-26 10:03
            UUID shipment = order.fulfillments().get(0).id();
            assertEquals(List.of("order.attention_needed"),
                    types(order.reviewAttention(policy, T0.plus(java.time.Duration.ofDays(2)).plusSeconds(180))));
            assertEquals(java.util.EnumSet.of(AttentionRule.NO_CARRIER_SCAN), order.attentionRules());
            Instant scanned = T0.plus(java.time.Duration.ofDays(2)).plusSeconds(600);
            order.recordScan(new TrackingScan(UUID.randomUUID(), shipment, ShipmentStatus.IN_TRANSIT, null, scanned,
                    null, null, scanned.plus(java.time.Duration.ofDays(1)), "c", "s1", scanned), scanned);
            assertEquals(List.of("order.attention_cleared"), types(order.reviewAttention(policy, scanned)));
            OrderChange late = order.reviewAttention(policy, scanned.plus(java.time.Duration.ofDays(4)));
            assertEquals(java.util.EnumSet.of(AttentionRule.STALLED_IN_TRANSIT, AttentionRule.ESTIMATED_DELIVERY_MISSED),
                    order.attentionRules());
            assertEquals(List.of("order.attention_needed", "order.attention_needed"), types(late));
            Instant trouble = scanned.plus(java.time.Duration.ofDays(4)).plusSeconds(60);
            order.recordScan(new TrackingScan(UUID.randomUUID(), shipment, ShipmentStatus.EXCEPTION, "address", trouble,
                    null, null, null, "c", "s2", trouble), trouble);
            order.reviewAttention(policy, trouble);
            assertEquals(java.util.EnumSet.of(AttentionRule.ESTIMATED_DELIVERY_MISSED, AttentionRule.DELIVERY_EXCEPTION),
                    order.attentionRules(), "a new scan is not stalled; the estimate still passed");
            order.deliver(shipment, trouble.plusSeconds(60));
            assertEquals(List.of("order.attention_cleared", "order.attention_cleared"),
                    types(order.reviewAttention(policy, trouble.plusSeconds(60))));
        }
    }

    @Nested
    class Recovery {

        private static final List<PricedLine> TODAY = List.of(new PricedLine("A", "Alpha", eur(1100), 2),
                new PricedLine("B", "Beta", eur(500), 1));

        @Test
        void anExpiredOrderIsPlacedAgainAtTodaysPricesAndMarkedOnce() {
            Order expired = expired();
            OrderChange placed = expired.placeRecovery(2002, TODAY, LATER, dev.orderstream.support.OrderMother.HOLD, "t2");
            Order recovery = placed.order();
            assertEquals(expired.id(), recovery.recoveredFrom());
            assertEquals(2700, recovery.total().amount());
            assertEquals(expired.customerId(), recovery.customerId());
            assertEquals(List.of("order.placed"), types(placed));
            assertEquals(expired.id(), placed.events().get(0).data().get("recoveredFrom"));
            OrderChange marked = expired.markRecovered(recovery, LATER);
            assertEquals(List.of("order.recovered"), types(marked));
            assertEquals(recovery.id(), expired.recoveredBy());
            assertTrue(expired.markRecovered(recovery, LATER).isNoOp(), "the same recovery again changes nothing");
            assertThrows(OrderRuleViolation.class, () -> expired.placeRecovery(2003, TODAY, LATER,
                    dev.orderstream.support.OrderMother.HOLD, "t3"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.orderstream.order.OrderTest#everyStatus")
        void onlyAnExpiredOrderCanBeRecovered(String name, Supplier<Order> state) {
            Order order = state.get();
            org.junit.jupiter.api.Assumptions.assumeTrue(order.status() != OrderStatus.EXPIRED, "recoverable");
            assertThrows(IllegalTransitionException.class, () -> order.placeRecovery(2002, TODAY, LATER,
                    dev.orderstream.support.OrderMother.HOLD, "t2"), name);
        }
    }

    @Nested
    class Tags {

        @Test
        void taggingAddsLowerCaseTagsOnceAndLogsWhatChanged() {
            Order order = placed();
            OrderChange change = order.tag(List.of("VIP", "gift", "vip"), LATER);
            assertEquals(List.of("gift", "vip"), order.tags());
            assertEquals(List.of("order.tags_changed"), types(change));
            assertEquals(List.of("gift", "vip"), change.events().get(0).data().get("added"));
            assertTrue(change.stock().isEmpty());
            assertTrue(order.tag(List.of("gift"), LATER).isNoOp(), "a tag it has changes nothing");
        }

        @Test
        void untaggingRemovesOnlyWhatItHas() {
            Order order = placed();
            order.tag(List.of("a", "b"), LATER);
            OrderChange change = order.untag(List.of("A", "zzz"), LATER);
            assertEquals(List.of("b"), order.tags());
            assertEquals(List.of("a"), change.events().get(0).data().get("removed"));
            assertTrue(order.untag(List.of("zzz"), LATER).isNoOp());
        }

        @Test
        void anOrderHasAtMostTwentyTags() {
            Order order = placed();
            order.tag(java.util.stream.IntStream.range(0, Order.MAX_TAGS).mapToObj(i -> "t" + i).toList(), LATER);
            OrderRuleViolation refused = assertThrows(OrderRuleViolation.class, () -> order.tag(List.of("one-more"), LATER));
            assertEquals("too-many-tags", refused.type());
            assertEquals(Order.MAX_TAGS, order.tags().size(), "nothing changed");
        }

        @Test
        void tagsAreAllowedInEveryStatus() {
            Order order = placed();
            order.cancel(CancellationReason.CUSTOMER, null, LATER);
            assertFalse(order.tag(List.of("refund-check"), LATER).isNoOp());
        }
    }

    @Nested
    class Import {

        private OrderChange imported(StockMode mode) {
            return Order.importFrom(new Order.Import("EXT-1", T0.minusSeconds(86_400), mode), 9,
                    new Customer("c", "c@example.com", "marketplace"), address(),
                    List.of(new PricedLine("A", "Alpha", eur(1000), 2)), T0, HOLD, "tok");
        }

        @Test
        void anImportIsAPlacementAtItsOwnTimeWithItsChannelsIdAndEventsMarkedImported() {
            OrderChange change = imported(StockMode.HELD);
            Order order = change.order();
            assertEquals("EXT-1", order.externalOrderId());
            assertEquals(T0.minusSeconds(86_400), order.createdAt());
            assertEquals(OrderStatus.PENDING_PAYMENT, order.status());
            assertEquals(List.of(new StockEffect(StockEffect.Kind.HOLD, List.of(units("A", 2)))), change.stock());
            assertEquals(true, change.events().get(0).data().get("imported"));
            assertEquals("EXT-1", change.events().get(0).data().get("externalOrderId"));
            OrderChange paid = order.authorizePayment(eur(2000), "amazon", "p1", T0);
            assertTrue(paid.events().stream().allMatch(event -> Boolean.TRUE.equals(event.data().get("imported"))),
                    "the verbs of the import's change say so too");
        }

        @Test
        void aDecrementedImportTakesItsUnitsAtOnceAndShipsWithoutTakingAgain() {
            OrderChange change = imported(StockMode.TAKEN);
            Order order = change.order();
            assertEquals(List.of(new StockEffect(StockEffect.Kind.TAKE, List.of(units("A", 2)))), change.stock());
            order.authorizePayment(eur(2000), "amazon", "p1", T0);
            assertTrue(order.fulfill(List.of(units("A", 1)), "DHL", "1", null, T0).stock().isEmpty());
            Order cancelled = imported(StockMode.TAKEN).order();
            assertEquals(List.of(new StockEffect(StockEffect.Kind.RESTOCK, List.of(units("A", 2)))),
                    cancelled.cancel(CancellationReason.CUSTOMER, null, LATER).stock(),
                    "its units go back on the shelf");
        }

        @Test
        void anIgnoredImportNeverTouchesStock() {
            OrderChange change = imported(StockMode.UNTRACKED);
            Order order = change.order();
            assertTrue(change.stock().isEmpty());
            order.authorizePayment(eur(2000), "amazon", "p1", T0);
            assertTrue(order.fulfill(List.of(units("A", 2)), "DHL", "1", null, T0).stock().isEmpty());
        }

        @Test
        void stockModesTranslateEveryEffect() {
            for (StockEffect.Kind kind : StockEffect.Kind.values()) {
                assertEquals(kind, StockMode.HELD.effectOf(kind));
                assertNull(StockMode.UNTRACKED.effectOf(kind));
            }
            assertEquals(StockEffect.Kind.TAKE, StockMode.TAKEN.effectOf(StockEffect.Kind.HOLD));
            assertNull(StockMode.TAKEN.effectOf(StockEffect.Kind.SHIP));
            assertEquals(StockEffect.Kind.RESTOCK, StockMode.TAKEN.effectOf(StockEffect.Kind.RELEASE));
            assertEquals(StockEffect.Kind.RESTOCK, StockMode.TAKEN.effectOf(StockEffect.Kind.RESTOCK));
        }
    }
}
