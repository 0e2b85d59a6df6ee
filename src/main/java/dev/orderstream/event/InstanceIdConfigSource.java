package dev.orderstream.event;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@code orderstream.instance-id}: unique per process, so each instance gets its own fan-out queue. */
public class InstanceIdConfigSource implements ConfigSource {

    private static final String KEY = "orderstream.instance-id";
    private static final String VALUE = UUID.randomUUID().toString().substring(0, 12);

    @Override
    public Map<String, String> getProperties() {
        return Map.of(KEY, VALUE);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public String getValue(String propertyName) {
        return KEY.equals(propertyName) ? VALUE : null;
    }

    @Override
    public String getName() {
        return "orderstream-instance-id";
    }

    @Override
    public int getOrdinal() {
        // Below application.properties (250), so an operator can pin it.
        return 200;
    }
}
