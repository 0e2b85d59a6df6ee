package dev.orderstream.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The transactional outbox. {@link #append} joins the caller's transaction, so an event exists exactly
 * when the change it records committed. Everything that tells the outside world reads from here.
 */
@ApplicationScoped
public class EventLog {

    private final ObjectMapper json;

    public EventLog(ObjectMapper json) {
        this.json = json;
    }

    /** Appends the events in one multi-row insert; ids grow in list order. */
    public Uni<Void> append(List<LoggedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO order_events (order_id, customer_id, sequence, type, occurred_at, status, payment_status, data)
                VALUES\s""");
        // The inner cast makes PostgreSQL type the parameter as text: bound as jsonb, the reactive
        // driver would store the Java string as a JSON string instead of parsing it as an object.
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("(:order").append(i).append(", :customer").append(i).append(", :sequence").append(i)
                    .append(", :type").append(i).append(", :at").append(i).append(", :status").append(i)
                    .append(", :payment").append(i).append(", CAST(CAST(:data").append(i).append(" AS text) AS jsonb))");
        }
        return Panache.getSession()
                .chain(session -> bind(session.createNativeQuery(sql.toString()), events).executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Appends the events of a whole batch of placements in one statement, on the batch's connection
     * and in its transaction (group commit); ids grow in list order.
     */
    public Uni<Void> appendAll(SqlConnection connection, List<LoggedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] orders = new UUID[n];
        String[] customers = new String[n], types = new String[n], statuses = new String[n];
        String[] payments = new String[n], data = new String[n];
        Integer[] sequences = new Integer[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            LoggedEvent event = events.get(i);
            orders[i] = event.orderId();
            customers[i] = event.customerId();
            sequences[i] = event.sequence();
            types[i] = event.type();
            at[i] = OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC);
            statuses[i] = event.status();
            payments[i] = event.paymentStatus();
            data[i] = toJson(event);
        }
        return connection.preparedQuery("""
                        INSERT INTO order_events (order_id, customer_id, sequence, type, occurred_at, status,
                                                  payment_status, data)
                        SELECT e.order_id, e.customer_id, e.sequence, e.type, e.occurred_at, e.status,
                               e.payment_status, e.data::jsonb
                        FROM unnest($1::uuid[], $2::text[], $3::int4[], $4::text[], $5::timestamptz[], $6::text[],
                                    $7::text[], $8::text[])
                             AS e(order_id, customer_id, sequence, type, occurred_at, status, payment_status, data)""")
                .execute(Tuple.tuple(List.<Object>of(orders, customers, sequences, types, at, statuses, payments, data)))
                .replaceWithVoid();
    }

    /** One order's events in sequence order. */
    @WithSession
    public Uni<List<OrderEventRecord>> historyOf(UUID orderId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from OrderEventRecord where orderId = :orderId order by sequence", OrderEventRecord.class)
                        .setParameter("orderId", orderId)
                        .getResultList());
    }

    private Mutiny.Query<?> bind(Mutiny.Query<?> query, List<LoggedEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            LoggedEvent event = events.get(i);
            query.setParameter("order" + i, event.orderId());
            query.setParameter("customer" + i, event.customerId());
            query.setParameter("sequence" + i, event.sequence());
            query.setParameter("type" + i, event.type());
            query.setParameter("at" + i, event.occurredAt());
            query.setParameter("status" + i, event.status());
            query.setParameter("payment" + i, event.paymentStatus());
            query.setParameter("data" + i, toJson(event));
        }
        return query;
    }

    private String toJson(LoggedEvent event) {
        try {
            return json.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data of " + event.type() + " is not serializable", e);
        }
    }
}
