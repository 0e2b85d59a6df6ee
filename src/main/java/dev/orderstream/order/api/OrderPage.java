package dev.orderstream.order.api;

import java.util.List;

/** A page of orders, newest first; pass {@code nextCursor} back as {@code cursor} for the next page. */
public record OrderPage(List<OrderSummaryResponse> items, String nextCursor) {
}
