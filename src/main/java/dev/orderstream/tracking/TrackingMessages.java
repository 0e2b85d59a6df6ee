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

    // ---------------------------------------------------------------- emails and their pages (dev.orderstream.notification)

    @Message("{store}: we received your order {number}")
    String email_subject_order_placed(String store, long number);

    @Message("{store}: order {number} is confirmed")
    String email_subject_order_confirmed(String store, long number);

    @Message("{store}: order {number} has shipped")
    String email_subject_shipped(String store, long number);

    @Message("{store}: order {number} is out for delivery")
    String email_subject_out_for_delivery(String store, long number);

    @Message("{store}: a problem with the delivery of order {number}")
    String email_subject_delivery_exception(String store, long number);

    @Message("{store}: order {number} was delivered")
    String email_subject_delivered(String store, long number);

    @Message("{store}: order {number} was cancelled")
    String email_subject_cancelled(String store, long number);

    @Message("{store}: a refund for order {number}")
    String email_subject_refund_issued(String store, long number);

    @Message("{store}: we received your return of order {number}")
    String email_subject_return_received(String store, long number);

    @Message("{store}: your order {number} is still waiting")
    String email_subject_checkout_recovery(String store, long number);

    @Message("Thank you for your order. We will let you know as it moves along.")
    String email_intro_order_placed();

    @Message("Your payment went through and your order is confirmed.")
    String email_intro_order_confirmed();

    @Message("Good news: a shipment of your order is on its way.")
    String email_intro_shipped();

    @Message("Your shipment is out for delivery and should arrive today.")
    String email_intro_out_for_delivery();

    @Message("The carrier reported a problem delivering your shipment. We are on it.")
    String email_intro_delivery_exception();

    @Message("Your order was delivered. We hope you enjoy it.")
    String email_intro_delivered();

    @Message("Your order was cancelled. If you paid, the money is on its way back to you.")
    String email_intro_cancelled();

    @Message("We issued a refund for your order.")
    String email_intro_refund_issued();

    @Message("We received your return.")
    String email_intro_return_received();

    @Message("You did not finish your order, and it expired. The same items can still be yours.")
    String email_intro_checkout_recovery();

    @Message("Track your order")
    String email_track();

    @Message("How did we do? Leave feedback")
    String email_feedback();

    @Message("Complete your order")
    String email_recover();

    @Message("Prices and availability are as of today.")
    String email_recovery_note();

    @Message("Amount")
    String email_refund_amount();

    @Message("Stop order updates by email")
    String email_unsubscribe();

    @Message("You receive this email because you ordered from {store}.")
    String email_why(String store);

    @Message("Order updates by email")
    String unsubscribe_heading();

    @Message("Stop emails about your orders' progress? You will still get what we must send: order confirmations, cancellations and refunds.")
    String unsubscribe_question();

    @Message("Stop order updates")
    String unsubscribe_button();

    @Message("Done: you will get no more order updates by email.")
    String unsubscribe_done();

    @Message("Complete your order")
    String recovery_heading();

    @Message("Place order {number} again, with the same items at today's prices?")
    String recovery_question(long number);

    @Message("Place the order again")
    String recovery_button();
}
