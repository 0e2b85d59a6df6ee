package dev.orderstream.common;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

class TimeOrderedIdsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:15:30.123456Z");

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecond() {
        UUID id = TimeOrderedIds.at(T0);
        assertEquals(7, id.version());
        assertEquals(2, id.variant(), "RFC 9562's variant");
        assertEquals(T0.toEpochMilli(), id.getMostSignificantBits() >>> 16);
    }

    @Test
    void aLaterMillisecondSortsAfterAsPostgresqlComparesUuids() {
        // PostgreSQL orders uuids by their bytes, unsigned: as their lowercase text sorts
        for (int i = 0; i < 1_000; i++) {
            String earlier = TimeOrderedIds.at(T0).toString();
            String later = TimeOrderedIds.at(T0.plusMillis(1)).toString();
            assertTrue(earlier.compareTo(later) < 0, earlier + " before " + later);
        }
    }

    @Test
    void idsOfOneMillisecondDifferInTheirRandomBits() {
        Set<UUID> ids = new HashSet<>();
        Set<Long> randomA = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = TimeOrderedIds.at(T0);
            ids.add(id);
            randomA.add(id.getMostSignificantBits() & 0x0FFFL);
        }
        assertEquals(10_000, ids.size());
        assertTrue(randomA.size() > 1_000, "the 12 bits after the version are random too: " + randomA.size());
    }
}
