package dev.orderstream.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.UUID;

/** A row of the event log as read back (history now, the relay and SSE streams later). Rows are never updated here. */
@Entity
@Immutable
@Table(name = "order_events")
public class OrderEventRecord {

    @Id
    private Long id;
    @Column(name = "order_id")
    private UUID orderId;
    @Column(name = "customer_id")
    private String customerId;
    private int sequence;
    private String type;
    @Column(name = "occurred_at")
    private Instant occurredAt;
    private String status;
    @Column(name = "payment_status")
    private String paymentStatus;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "data::text")
    private String data;
    @Column(name = "published_at")
    private Instant publishedAt;

    protected OrderEventRecord() {
    }

    public Long id() {
        return id;
    }

    public UUID orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public int sequence() {
        return sequence;
    }

    public String type() {
        return type;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String status() {
        return status;
    }

    public String paymentStatus() {
        return paymentStatus;
    }

    /** The event's data object as JSON text. */
    public String data() {
        return data;
    }

    public Instant publishedAt() {
        return publishedAt;
    }
}
