package dev.orderstream.catalog;

import dev.orderstream.common.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A sellable SKU with its price and stock level. Stock figures change only through the conditional
 * statements of {@link StockService}, never by loading and saving this entity, so two writers can
 * never overwrite each other's holds.
 */
@Entity
@Table(name = "products")
public class Product {

    @Id
    private String sku;
    private String name;
    @Column(name = "price_amount")
    private long priceAmount;
    @Column(name = "price_currency")
    private String priceCurrency;
    @Column(name = "on_hand")
    private int onHand;
    private int reserved;
    private long version;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Product() {
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public Money price() {
        return new Money(priceAmount, priceCurrency);
    }

    public int onHand() {
        return onHand;
    }

    public int reserved() {
        return reserved;
    }

    public int available() {
        return available(onHand, reserved);
    }

    /** What can still be sold: what is on hand and not held for open orders. */
    public static int available(int onHand, int reserved) {
        return onHand - reserved;
    }

    public long version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
