package dev.orderstream.tracking;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The tracking page's texts, in English here (the default) and in German in
 * {@code messages/msg_de.properties}; templates use them by key, {@code {msg:page_title(number)}}. A language is added
 * with a {@code msg_<lang>.properties} and its tag in {@link Branding#LANGUAGES}. The methods are
 * named as their keys (snake case), so that a template can also look one up by a key it builds
 * ({@code msg:message('milestone_' + key)}).
 */
@MessageBundle(value = "msg", locale = "en")
public interface TrackingMessages {

    @Message("Order {number}")
    String page_title(long number);

    @Message("Order tracking")
    String tracking();

    @Message("Placed")
    String placed_on();

    @Message("Progress")
    String progress();

    @Message("Placed")
    String milestone_placed();

    @Message("Confirmed")
    String milestone_confirmed();

    @Message("Shipped")
    String milestone_shipped();

    @Message("Out for delivery")
    String milestone_out_for_delivery();

    @Message("Delivered")
    String milestone_delivered();

    @Message("Not yet")
    String milestone_upcoming();

    @Message("This order was cancelled.")
    String ending_cancelled();

    @Message("This order expired before it was paid.")
    String ending_expired();

    @Message("This order was returned.")
    String ending_returned();

    @Message("Part of this order was returned.")
    String ending_partially_returned();

    @Message("Shipments")
    String shipments();

    @Message("Shipment {index} of {count}")
    String shipment_of(int index, int count);

    @Message("Carrier")
    String carrier();

    @Message("Tracking number")
    String tracking_number();

    @Message("Shipped")
    String shipped_at();

    @Message("Estimated delivery")
    String estimated_delivery();

    @Message("Delivered")
    String delivered_at();

    @Message("Items")
    String items();

    @Message("Latest updates")
    String latest_updates();

    @Message("In transit")
    String shipment_in_transit();

    @Message("Out for delivery")
    String shipment_out_for_delivery();

    @Message("Delivery attempted")
    String shipment_delivery_attempted();

    @Message("Problem reported")
    String shipment_exception();

    @Message("Delivered")
    String shipment_delivered();

    @Message("Returned to sender")
    String shipment_returned_to_sender();

    @Message("Not shipped yet")
    String not_shipped();

    @Message("Returns")
    String returns();

    @Message("Return requested")
    String return_requested();

    @Message("Return received")
    String return_received();

    @Message("Messages from {store}")
    String notes(String store);

    @Message("How did we do?")
    String feedback_heading();

    @Message("Rating")
    String rating();

    @Message("{stars} of 5")
    String rating_value(int stars);

    @Message("Comment (optional)")
    String comment();

    @Message("Send feedback")
    String send_feedback();

    @Message("Thank you for your feedback: {rating} of 5.")
    String feedback_thanks(int rating);

    @Message("Questions? Contact us")
    String support();

    @Message("This page updates by itself.")
    String live();

    @Message("Find your order")
    String lookup_heading();

    @Message("Enter your order number and the email address or postal code you ordered with.")
    String lookup_intro();

    @Message("Order number")
    String order_number();

    @Message("Email address")
    String email();

    @Message("or postal code")
    String postal_code();

    @Message("Find order")
    String find_order();

    @Message("No order matches this order number and email or postal code.")
    String lookup_failed();

    @Message("× {quantity}")
    String quantity(int quantity);
}
