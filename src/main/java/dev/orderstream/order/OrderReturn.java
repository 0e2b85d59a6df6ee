package dev.orderstream.order;

import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.common.TimeOrderedIds;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A return of shipped units: requested by the customer, then received (and maybe restocked) by staff. */
@Entity
@Table(name = "order_returns")
public class OrderReturn {

    public enum Status {
        REQUESTED, RECEIVED
    }

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private Order order;
    private String reason;
    @Enumerated(EnumType.STRING)
    private Status status;
    private boolean restocked;
    @Convert(converter = SkuQuantitiesConverter.class)
    private List<SkuQuantity> lines;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "received_at")
    private Instant receivedAt;

    protected OrderReturn() {
    }

    OrderReturn(Order order, List<SkuQuantity> lines, String reason, Instant now) {
        this.id = TimeOrderedIds.at(now);
        this.order = order;
        this.lines = List.copyOf(lines);
        this.reason = reason;
        this.status = Status.REQUESTED;
        this.createdAt = now;
    }

    public UUID id() {
        return id;
    }

    public String reason() {
        return reason;
    }

    public Status status() {
        return status;
    }

    public boolean restocked() {
        return restocked;
    }

    public List<SkuQuantity> lines() {
        return lines;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    boolean isReceived() {
        return status == Status.RECEIVED;
    }

    void receive(boolean restock, Instant now) {
        this.status = Status.RECEIVED;
        this.restocked = restock;
        this.receivedAt = now;
    }
}
