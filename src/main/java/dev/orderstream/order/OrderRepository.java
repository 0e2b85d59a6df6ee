package dev.orderstream.order;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class OrderRepository implements PanacheRepositoryBase<Order, UUID> {


    /** The whole aggregate: the order with its lines, fulfillments, returns and payments, or null. */
    public Uni<Order> findAggregate(UUID id) {
        return getSession()
                .chain(session -> session.createSelectionQuery(
                                "from Order o left join fetch o.lines where o.id = :id", Order.class)
                        .setParameter("id", id)
                        .getSingleResultOrNull())
                .call(order -> order == null
                        ? Uni.createFrom().nullItem()
                        : Mutiny.fetch(order.fulfillments)
                                .chain(() -> Mutiny.fetch(order.returns))
                                .chain(() -> Mutiny.fetch(order.payments)));
    }


    /**
     * One page of orders matching the filter, newest first (by number), with their lines; keyset
     * pagination on the number, so rows inserted meanwhile never shift later pages.
     */
    public Uni<List<Order>> search(OrderFilter filter, Long beforeNumber, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.customerId() != null) {
            where.append(" and o.customerId = :customerId");
            params.put("customerId", filter.customerId());
        }
        if (filter.status() != null) {
            where.append(" and o.status = :status");
            params.put("status", filter.status());
        }
        if (filter.channel() != null) {
            where.append(" and o.channel = :channel");
            params.put("channel", filter.channel());
        }
        if (filter.createdFrom() != null) {
            where.append(" and o.createdAt >= :createdFrom");
            params.put("createdFrom", filter.createdFrom());
        }
        if (filter.createdTo() != null) {
            where.append(" and o.createdAt < :createdTo");
            params.put("createdTo", filter.createdTo());
        }
        if (beforeNumber != null) {
            where.append(" and o.number < :before");
            params.put("before", beforeNumber);
        }
        return getSession()
                .chain(session -> {
                    var query = session.createSelectionQuery(
                            "select o.id from Order o where " + where + " order by o.number desc", UUID.class);
                    params.forEach(query::setParameter);
                    return query.setMaxResults(limit).getResultList();
                })
                .chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(List.<Order>of())
                        : find("select distinct o from Order o left join fetch o.lines where o.id in ?1 "
                                + "order by o.number desc", ids).list());
    }

    /**
     * Locks up to {@code limit} unpaid orders whose hold ran out; rows another sweeper holds are
     * skipped, so concurrent sweepers share the work instead of doing it twice.
     */
    public Uni<List<UUID>> lockExpired(Instant now, int limit) {
        return getSession()
                .chain(session -> session.createNativeQuery("""
                                SELECT id FROM orders
                                WHERE status = 'PENDING_PAYMENT' AND reserved_until < :now
                                ORDER BY reserved_until
                                LIMIT :limit
                                FOR UPDATE SKIP LOCKED""", UUID.class)
                        .setParameter("now", now)
                        .setParameter("limit", limit)
                        .getResultList());
    }
}
