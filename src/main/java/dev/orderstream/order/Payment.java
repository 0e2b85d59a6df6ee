package dev.orderstream.order;

import dev.orderstream.common.TimeOrderedIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One movement of money recorded against an order: authorization, capture, void or refund. */
@Entity
@Table(name = "payments")
public class Payment {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private Order order;
    @Enumerated(EnumType.STRING)
    private PaymentKind kind;
    private long amount;
    private String provider;
    private String reference;
    private String reason;
    @Column(name = "return_id")
    private UUID returnId;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Payment() {
    }

    Payment(Order order, PaymentKind kind, long amount, String provider, String reference, String reason,
            UUID returnId, Instant now) {
        this.id = TimeOrderedIds.at(now);
        this.order = order;
        this.kind = kind;
        this.amount = amount;
        this.provider = provider;
        this.reference = reference;
        this.reason = reason;
        this.returnId = returnId;
        this.createdAt = now;
    }

    public UUID id() {
        return id;
    }

    public PaymentKind kind() {
        return kind;
    }

    public long amount() {
        return amount;
    }

    public String provider() {
        return provider;
    }

    public String reference() {
        return reference;
    }

    public String reason() {
        return reason;
    }

    public UUID returnId() {
        return returnId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The same provider message delivered again (a webhook retry): same kind, provider and reference. */
    boolean isRepeatOf(PaymentKind kind, String provider, String reference) {
        return this.kind == kind && reference != null
                && Objects.equals(this.provider, provider) && reference.equals(this.reference);
    }
}
