package dev.orderstream.order;

import dev.orderstream.common.TimeOrderedIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One SKU of an order, priced at placement; tracks how many units shipped and came back. */
@Entity
@Table(name = "order_lines")
public class OrderLine {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private Order order;
    private String sku;
    private String name;
    private int quantity;
    @Column(name = "unit_price_amount")
    private long unitPriceAmount;
    @Column(name = "shipped_quantity")
    private int shippedQuantity;
    @Column(name = "returned_quantity")
    private int returnedQuantity;

    protected OrderLine() {
    }

    OrderLine(Order order, String sku, String name, int quantity, long unitPriceAmount, Instant now) {
        this.id = TimeOrderedIds.at(now);
        this.order = order;
        this.sku = sku;
        this.name = name;
        this.quantity = quantity;
        this.unitPriceAmount = unitPriceAmount;
    }

    UUID id() {
        return id;
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public int quantity() {
        return quantity;
    }

    public long unitPriceAmount() {
        return unitPriceAmount;
    }

    public int shippedQuantity() {
        return shippedQuantity;
    }

    public int returnedQuantity() {
        return returnedQuantity;
    }

    int unshipped() {
        return quantity - shippedQuantity;
    }

    void ship(int units) {
        shippedQuantity += units;
    }

    void takeBack(int units) {
        returnedQuantity += units;
    }
}
