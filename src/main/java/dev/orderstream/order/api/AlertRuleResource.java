package dev.orderstream.order.api;

import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.common.security.Roles;
import dev.orderstream.order.AttentionRule;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The merchant alert rules as configured ({@code orderstream.alerts.*}). */
@Path("/alert-rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders")
public class AlertRuleResource {

    /** One rule: its key (the {@code rule} of order.attention_needed and of GET /orders?rule=), threshold and meaning. */
    @RegisterForReflection
    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "An alert rule: what it flags and its threshold")
    public record AlertRule(String rule, String threshold, String description) {
    }

    private final OrderstreamConfig.Alerts alerts;

    public AlertRuleResource(OrderstreamConfig config) {
        this.alerts = config.alerts();
    }

    @GET
    @RolesAllowed({Roles.STAFF, Roles.SERVICE})
    @Operation(operationId = "listAlertRules", summary = "The alert rules that flag orders needing attention, with their thresholds")
    public List<AlertRule> list() {
        String week = alerts.businessDays().stream().sorted().map(Object::toString).toList() + " "
                + alerts.businessHoursOpen() + "-" + alerts.businessHoursClose() + " " + alerts.businessHoursZone();
        return List.of(
                new AlertRule(AttentionRule.CONFIRMED_NOT_SHIPPED.key(), alerts.confirmedNotShippedBusinessHours()
                        + " business hours (" + week + ")", "Paid and confirmed, but nothing shipped"),
                new AlertRule(AttentionRule.NO_CARRIER_SCAN.key(), alerts.noCarrierScan().toString(),
                        "A shipment the carrier has not scanned since it was handed over"),
                new AlertRule(AttentionRule.STALLED_IN_TRANSIT.key(), alerts.stalledInTransit().toString(),
                        "A shipment on its way with no new scan"),
                new AlertRule(AttentionRule.ESTIMATED_DELIVERY_MISSED.key(), alerts.estimateGrace().toString(),
                        "A shipment not delivered by its estimated delivery (plus this grace)"),
                new AlertRule(AttentionRule.DELIVERY_EXCEPTION.key(), "at once",
                        "A shipment whose carrier reported an exception"));
    }
}
