package dev.orderstream.event;

/**
 * Where an event stands in the stream, in the order every reader follows: first its
 * {@code transactionOrder} (the {@code txid} column: the id of the transaction that wrote it, or
 * the position of its order's previous event when that is larger, so an order's events keep their
 * sequence; V2 and V3 migrations), then its id. A reader only ever moves forward in this order.
 */
public record Position(long transactionOrder, long id) implements Comparable<Position> {

    public static final Position START = new Position(0, 0);

    @Override
    public int compareTo(Position other) {
        int byTransaction = Long.compareUnsigned(transactionOrder, other.transactionOrder);
        return byTransaction != 0 ? byTransaction : Long.compare(id, other.id);
    }

    public boolean isAfter(Position other) {
        return compareTo(other) > 0;
    }
}
