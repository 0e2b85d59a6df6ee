package dev.orderstream.common.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The stream a ticket is for: its path and its filters (the query parameters that choose what it
 * carries), in one canonical form. Where the client resumes ({@code since}) and the ticket itself
 * are not part of it, so a reconnect or a resume with a fresh ticket is the same stream.
 */
public record TicketedStream(String path, Map<String, String> filters) {

    public static final String TICKET = "ticket";
    private static final Set<String> NOT_PART_OF_IT = Set.of(TICKET, "since");

    public TicketedStream {
        filters = Map.copyOf(filters);
    }

    /** From a path and its decoded query parameters, as a request or a client names it. */
    public static TicketedStream of(String path, Map<String, List<String>> query) {
        Map<String, String> filters = new TreeMap<>();
        query.forEach((name, values) -> {
            if (!NOT_PART_OF_IT.contains(name)) {
                filters.put(name, String.join(",", values));
            }
        });
        return new TicketedStream(path, filters);
    }

    /** {@code path?name=value&...}, names in order, values URL-encoded. */
    public String canonical() {
        if (filters.isEmpty()) {
            return path;
        }
        return path + "?" + new TreeMap<>(filters).entrySet().stream()
                .map(filter -> encode(filter.getKey()) + "=" + encode(filter.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
