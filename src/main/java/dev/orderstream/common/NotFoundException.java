package dev.orderstream.common;

/** Something the request names does not exist: an order, a product, a shipment, a return. */
public abstract class NotFoundException extends DomainException {

    protected NotFoundException(String what, Object id) {
        super(Kind.NOT_FOUND, "not-found", what + " not found", what + " " + id + " does not exist");
    }
}
