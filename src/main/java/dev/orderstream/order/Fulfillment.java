package dev.orderstream.order;

import dev.orderstream.catalog.SkuQuantity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One shipment: some units of some lines, handed to a carrier with a tracking number. */
@Entity
@Table(name = "fulfillments")
public class Fulfillment {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private Order order;
    private String carrier;
    @Column(name = "tracking_number")
    private String trackingNumber;
    @Column(name = "tracking_url")
    private String trackingUrl;
    @Convert(converter = SkuQuantitiesConverter.class)
    private List<SkuQuantity> lines;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "delivered_at")
    private Instant deliveredAt;

    protected Fulfillment() {
    }

    Fulfillment(Order order, List<SkuQuantity> lines, String carrier, String trackingNumber, String trackingUrl,
                Instant now) {
        this.id = UUID.randomUUID();
        this.order = order;
        this.lines = List.copyOf(lines);
        this.carrier = carrier;
        this.trackingNumber = trackingNumber;
        this.trackingUrl = trackingUrl;
        this.createdAt = now;
    }

    public UUID id() {
        return id;
    }

    public String carrier() {
        return carrier;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public String trackingUrl() {
        return trackingUrl;
    }

    public List<SkuQuantity> lines() {
        return lines;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public boolean isDelivered() {
        return deliveredAt != null;
    }

    boolean isSameShipment(String carrier, String trackingNumber) {
        return this.carrier.equals(carrier) && this.trackingNumber.equals(trackingNumber);
    }

    void markDelivered(Instant at) {
        this.deliveredAt = at;
    }
}
