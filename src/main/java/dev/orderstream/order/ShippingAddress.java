package dev.orderstream.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Where the parcels go. */
@Embeddable
public class ShippingAddress {

    @Column(name = "ship_name")
    private String name;
    @Column(name = "ship_line1")
    private String line1;
    @Column(name = "ship_line2")
    private String line2;
    @Column(name = "ship_city")
    private String city;
    @Column(name = "ship_postal_code")
    private String postalCode;
    @Column(name = "ship_country")
    private String country;
    /** In E.164 ({@code +4930123456}), for the carrier; null when not given. */
    @Column(name = "ship_phone")
    private String phone;

    protected ShippingAddress() {
    }

    public ShippingAddress(String name, String line1, String line2, String city, String postalCode, String country,
                           String phone) {
        this.name = name;
        this.line1 = line1;
        this.line2 = line2;
        this.city = city;
        this.postalCode = postalCode;
        this.country = country;
        this.phone = phone;
    }

    public String name() {
        return name;
    }

    public String line1() {
        return line1;
    }

    public String line2() {
        return line2;
    }

    public String city() {
        return city;
    }

    public String postalCode() {
        return postalCode;
    }

    public String country() {
        return country;
    }

    public String phone() {
        return phone;
    }
}
