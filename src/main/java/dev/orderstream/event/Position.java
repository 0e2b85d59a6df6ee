package dev.orderstream.event;

/**
 * Where an event stands in the stream: the id of the transaction that wrote it, then its id.
 * Streams only ever move forward in this order (see V2__event_stream_position.sql).
 */
public record Position(long txid, long id) implements Comparable<Position> {

    public static final Position START = new Position(0, 0);

    @Override
    public int compareTo(Position other) {
        int byTransaction = Long.compareUnsigned(txid, other.txid);
        return byTransaction != 0 ? byTransaction : Long.compare(id, other.id);
    }

    public boolean isAfter(Position other) {
        return compareTo(other) > 0;
    }
}
