package dev.orderstream.order;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The carriers' scans ({@code tracking_events}): the one class that reads or writes them. A scan is
 * written in the transaction of the order change it causes ({@link #insert}, on the Hibernate
 * session); reads go to the Vert.x pool.
 */
@ApplicationScoped
public class TrackingEventRepository {

    private static final String COLUMNS = """
            id, order_id, fulfillment_id, source, external_event_id, status, sub_status, happened_at, city, region,
            country, message, estimated_delivery_at, received_at""";

    private final Pool pool;

    public TrackingEventRepository(Pool pool) {
        this.pool = pool;
    }

    /** A scan stored with the order it belongs to. */
    public record Stored(UUID orderId, TrackingScan scan) {
    }

    /**
     * Stores a scan in the session's transaction; fails with {@link AlreadyRecorded} (rolling the
     * transaction back) if a scan is stored under its {@code (source, externalEventId)} already,
     * committed by a request that ran at the same time.
     */
    public Uni<Void> insert(UUID orderId, TrackingScan scan) {
        TrackingScan.Location location = scan.location();
        // The casts type the parameters for PostgreSQL when they are bound as null.
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("INSERT INTO tracking_events (" + COLUMNS + """
                                ) VALUES (:id, :order, :fulfillment, :source, :external, :status,
                                          CAST(:subStatus AS varchar), :happenedAt, CAST(:city AS varchar),
                                          CAST(:region AS varchar), CAST(:country AS varchar), CAST(:message AS varchar),
                                          CAST(:estimate AS timestamptz), :receivedAt)
                                ON CONFLICT (source, external_event_id) DO NOTHING""")
                        .setParameter("id", scan.id())
                        .setParameter("order", orderId)
                        .setParameter("fulfillment", scan.fulfillmentId())
                        .setParameter("source", scan.source())
                        .setParameter("external", scan.externalEventId())
                        .setParameter("status", scan.status().name())
                        .setParameter("subStatus", scan.subStatus())
                        .setParameter("happenedAt", scan.happenedAt())
                        .setParameter("city", location == null ? null : location.city())
                        .setParameter("region", location == null ? null : location.region())
                        .setParameter("country", location == null ? null : location.country())
                        .setParameter("message", scan.message())
                        .setParameter("estimate", scan.estimatedDeliveryAt())
                        .setParameter("receivedAt", scan.receivedAt())
                        .executeUpdate())
                .invoke(inserted -> {
                    if (inserted == 0) {
                        throw new AlreadyRecorded();
                    }
                })
                .replaceWithVoid();
    }

    /** The scan was recorded meanwhile: the stored one is the answer. */
    public static final class AlreadyRecorded extends RuntimeException {
        AlreadyRecorded() {
            super("tracking event recorded by a concurrent request", null, false, false);
        }
    }

    /** The scan stored under a source's event id, if any. */
    public Uni<Optional<Stored>> find(String source, String externalEventId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM tracking_events WHERE source = $1 AND external_event_id = $2")
                .execute(Tuple.of(source, externalEventId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(new Stored(rows.iterator().next().getUUID("order_id"), scanOf(rows.iterator().next()))));
    }

    /** A shipment's scans in the order they happened (ties in the order they arrived). */
    public Uni<List<TrackingScan>> ofShipment(UUID orderId, UUID fulfillmentId) {
        return pool.preparedQuery("SELECT " + COLUMNS
                        + " FROM tracking_events WHERE fulfillment_id = $2 AND order_id = $1"
                        + " ORDER BY happened_at, received_at, id")
                .execute(Tuple.of(orderId, fulfillmentId))
                .map(rows -> {
                    List<TrackingScan> scans = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> scans.add(scanOf(row)));
                    return scans;
                });
    }

    private static TrackingScan scanOf(Row row) {
        String city = row.getString("city"), region = row.getString("region"), country = row.getString("country");
        return new TrackingScan(row.getUUID("id"), row.getUUID("fulfillment_id"),
                ShipmentStatus.valueOf(row.getString("status")), row.getString("sub_status"),
                instant(row.getOffsetDateTime("happened_at")),
                city == null && region == null && country == null ? null : new TrackingScan.Location(city, region, country),
                row.getString("message"), instant(row.getOffsetDateTime("estimated_delivery_at")),
                row.getString("source"), row.getString("external_event_id"),
                instant(row.getOffsetDateTime("received_at")));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
