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

/**
 * One shipment: some units of some lines, handed to a carrier with a tracking number, and what the
 * carrier's scans made of it since: its current status and delivery estimate.
 */
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
    @Enumerated(EnumType.STRING)
    @Column(name = "shipment_status")
    private ShipmentStatus shipmentStatus;
    @Column(name = "last_scan_at")
    private Instant lastScanAt;
    @Column(name = "first_estimated_delivery_at")
    private Instant firstEstimatedDeliveryAt;
    @Column(name = "estimated_delivery_at")
    private Instant estimatedDeliveryAt;

    protected Fulfillment() {
    }

    Fulfillment(Order order, List<SkuQuantity> lines, String carrier, String trackingNumber, String trackingUrl,
                Instant now) {
        this.id = TimeOrderedIds.at(now);
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

    /** The carrier's status of the newest scan (delivered once delivered); null before any scan. */
    public ShipmentStatus shipmentStatus() {
        return shipmentStatus;
    }

    /** The delivery estimate the newest scan that gave one gave; null if none did. */
    public Instant lastScanAt() {
        return lastScanAt;
    }

    public Instant estimatedDeliveryAt() {
        return estimatedDeliveryAt;
    }

    /** The first delivery estimate any scan gave; it never changes once given. */
    public Instant firstEstimatedDeliveryAt() {
        return firstEstimatedDeliveryAt;
    }

    boolean isSameShipment(String carrier, String trackingNumber) {
        return this.carrier.equals(carrier) && this.trackingNumber.equals(trackingNumber);
    }

    void markDelivered(Instant at) {
        this.deliveredAt = at;
        this.shipmentStatus = ShipmentStatus.DELIVERED;
    }

    /**
     * Takes a scan's status as the shipment's if the scan is the newest so far by the time it
     * happened and the shipment is not delivered yet: an older scan arriving late, or any scan after
     * delivery, moves nothing. Whether it was taken.
     */
    boolean takeScan(ShipmentStatus status, Instant happenedAt) {
        if (isDelivered() || (lastScanAt != null && happenedAt.isBefore(lastScanAt))) {
            return false;
        }
        this.shipmentStatus = status;
        this.lastScanAt = happenedAt;
        return true;
    }

    /** Takes a new delivery estimate (the first one is kept as given); whether it changed. */
    boolean reestimate(Instant estimate) {
        if (estimate == null || estimate.equals(estimatedDeliveryAt)) {
            return false;
        }
        if (firstEstimatedDeliveryAt == null) {
            firstEstimatedDeliveryAt = estimate;
        }
        estimatedDeliveryAt = estimate;
        return true;
    }
}
