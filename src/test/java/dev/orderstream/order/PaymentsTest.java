package dev.orderstream.order;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.orderstream.support.OrderMother.*;
import static org.junit.jupiter.api.Assertions.*;

/** The money rules in their one home: what payment records add up to, and the status derived from them. */
class PaymentsTest {

    private static final Instant LATER = T0.plusSeconds(3600);

    private record Row(PaymentKind kind, long amount) {
    }

    private static Payments.Totals totals(Row... rows) {
        return Payments.Totals.of(List.of(rows), Row::kind, Row::amount);
    }

    @Test
    void totalsSumEachKindSeparately() {
        Payments.Totals totals = totals(new Row(PaymentKind.AUTHORIZATION, 2500), new Row(PaymentKind.CAPTURE, 1000),
                new Row(PaymentKind.CAPTURE, 500), new Row(PaymentKind.REFUND, 200), new Row(PaymentKind.VOID, 1000));
        assertEquals(new Payments.Totals(2500, 1500, 1000, 200), totals);
        assertEquals(0, totals.uncaptured(), "authorized 2500 = captured 1500 + voided 1000");
        assertEquals(1300, totals.refundable());
    }

    @Test
    void noRecordsAddUpToNothingPending() {
        assertEquals(Payments.Totals.NONE, totals());
        assertEquals(PaymentStatus.PENDING, totals().status());
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(totals(), PaymentStatus.PENDING),
                Arguments.of(totals(new Row(PaymentKind.AUTHORIZATION, 2500)), PaymentStatus.AUTHORIZED),
                Arguments.of(totals(new Row(PaymentKind.AUTHORIZATION, 2500), new Row(PaymentKind.VOID, 2500)),
                        PaymentStatus.VOIDED),
                Arguments.of(totals(new Row(PaymentKind.AUTHORIZATION, 2500), new Row(PaymentKind.VOID, 1000)),
                        PaymentStatus.AUTHORIZED),
                Arguments.of(totals(new Row(PaymentKind.AUTHORIZATION, 2500), new Row(PaymentKind.CAPTURE, 1000)),
                        PaymentStatus.PAID),
                Arguments.of(totals(new Row(PaymentKind.AUTHORIZATION, 2500), new Row(PaymentKind.CAPTURE, 2500),
                        new Row(PaymentKind.REFUND, 100)), PaymentStatus.PARTIALLY_REFUNDED),
                Arguments.of(totals(new Row(PaymentKind.AUTHORIZATION, 2500), new Row(PaymentKind.CAPTURE, 2500),
                        new Row(PaymentKind.REFUND, 2500)), PaymentStatus.REFUNDED));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void thePaymentStatusIsDerivedFromTheTotals(Payments.Totals totals, PaymentStatus expected) {
        assertEquals(expected, totals.status());
    }

    @Test
    void theOrderKeepsItsRecordsAndItsStatusInStep() {
        Order order = paid();
        order.refund(eur(500), "goodwill", null, LATER);
        Payments payments = order.payments();
        assertEquals(List.of(PaymentKind.AUTHORIZATION, PaymentKind.CAPTURE, PaymentKind.REFUND),
                payments.records().stream().map(Payment::kind).toList());
        assertEquals(new Payments.Totals(2500, 2500, 0, 500), payments.totals());
        assertEquals(payments.totals().status(), order.paymentStatus());
    }

    @Test
    void aProviderRetryIsRecognisedByKindProviderAndReference() {
        Payments payments = confirmed().payments();
        assertTrue(payments.isRepeat(PaymentKind.AUTHORIZATION, "psp", "auth-1"));
        assertFalse(payments.isRepeat(PaymentKind.AUTHORIZATION, "psp", "auth-2"));
        assertFalse(payments.isRepeat(PaymentKind.CAPTURE, "psp", "auth-1"));
        assertFalse(payments.isRepeat(PaymentKind.AUTHORIZATION, "other", "auth-1"));
        assertFalse(payments.isRepeat(PaymentKind.AUTHORIZATION, "psp", null), "no reference, no repeat");
    }

    @Test
    void moneyTheOrderGivesBackGoesThroughTheProviderThatTookIt() {
        Order order = paid();
        order.cancel(CancellationReason.MERCHANT, null, LATER);
        List<Payment> refunds = order.payments().records().stream()
                .filter(payment -> payment.kind() == PaymentKind.REFUND).toList();
        assertEquals(1, refunds.size());
        assertEquals("psp", refunds.get(0).provider());
        assertEquals(2500, refunds.get(0).amount());
        assertNull(refunds.get(0).returnId());
        assertNotNull(UUID.fromString(refunds.get(0).id().toString()));
    }
}
