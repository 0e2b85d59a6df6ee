package orderstream.bench;

import org.HdrHistogram.Histogram;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The SQL equivalent of {@code orders} orders (default 1,000,000) seen by the analytics projector:
 * the rows they leave in {@code analytics_daily_sales} and {@code analytics_lead_times}, as
 * two files for {@code COPY} ({@code sales.csv}, {@code lead_times.csv} in the folder given as the
 * first argument), so the bench can query a year's worth of rollups without placing a million
 * orders through the API first. Orders are spread over the last {@code days} days (default 120),
 * four channels of their own ({@code seed-web}, …) and two currencies (80% EUR); 85% are confirmed, 5% cancelled, 10% expire; of the
 * confirmed, 95% are shipped (three carriers) and 90% of those delivered; lead times are drawn from
 * skewed spreads (minutes to confirm, hours to ship, days to deliver). The histograms are stored
 * exactly as the service's {@code LeadTimes} stores them: a year's range, two significant digits,
 * HdrHistogram's uncompressed encoding, a row per day, week and month, per channel and for every
 * channel ("*"), per carrier and for every carrier ("").
 * Deterministic (seed 42).
 */
public final class AnalyticsSeed {

    private static final long HIGHEST_SECONDS = Duration.ofDays(366).toSeconds();
    /** Channels of their own, so the seeded rows never meet the rows of the bench's own orders. */
    private static final String[] CHANNELS = {"seed-web", "seed-app", "seed-pos", "seed-marketplace"};
    private static final String[] CARRIERS = {"DHL", "UPS", "DPD"};

    private record SalesKey(LocalDate day, String channel, String currency) implements Comparable<SalesKey> {
        public int compareTo(SalesKey o) {
            return toString().compareTo(o.toString());
        }
    }

    /** A stored row as the service's LeadTimes.rows makes it: period, its start, channel or "*", metric, carrier or "". */
    private record LeadKey(String period, LocalDate start, String channel, String metric, String carrier) implements Comparable<LeadKey> {
        public int compareTo(LeadKey o) {
            return toString().compareTo(o.toString());
        }
    }

    private static LocalDate today;

    private static final class Sales {
        long placed, confirmed, cancelled, expired, units, gross;
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : ".");
        int orders = Integer.getInteger("orders", 1_000_000);
        int days = Integer.getInteger("days", 120);
        today = LocalDate.now(ZoneOffset.UTC);
        SplittableRandom random = new SplittableRandom(42);
        Map<SalesKey, Sales> sales = new HashMap<>();
        Map<LeadKey, Histogram> leads = new HashMap<>();
        for (int i = 0; i < orders; i++) {
            LocalDate placedOn = today.minusDays(random.nextInt(days));
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            String currency = random.nextInt(10) < 8 ? "EUR" : "USD";
            int units = 1 + random.nextInt(4);
            long total = units * (500 + random.nextInt(9500));
            Sales day = sales.computeIfAbsent(new SalesKey(placedOn, channel, currency), k -> new Sales());
            day.placed++;
            int fate = random.nextInt(100);
            if (fate >= 95) {
                day.expired++;
                continue;
            }
            if (fate >= 90) {
                day.cancelled++;
                continue;
            }
            day.confirmed++;
            day.units += units;
            day.gross += total;
            record(leads, placedOn, channel, "placedToConfirmed", "", spread(random, 30, 3_600));
            if (random.nextInt(100) >= 95) {
                continue;
            }
            String carrier = CARRIERS[random.nextInt(CARRIERS.length)];
            long toShip = spread(random, 3_600, 3 * 86_400);
            LocalDate shippedOn = placedOn.plusDays(toShip / 86_400);
            record(leads, shippedOn, channel, "confirmedToShipped", carrier, toShip);
            if (random.nextInt(100) >= 90) {
                continue;
            }
            long toDeliver = spread(random, 12 * 3_600, 6 * 86_400);
            LocalDate deliveredOn = shippedOn.plusDays(toDeliver / 86_400);
            record(leads, deliveredOn, channel, "shippedToDelivered", carrier, toDeliver);
            record(leads, deliveredOn, channel, "placedToDelivered", carrier, toShip + toDeliver + 600);
        }
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("sales.csv"))) {
            for (Map.Entry<SalesKey, Sales> row : new TreeMap<>(sales).entrySet()) {
                Sales s = row.getValue();
                out.write(row.getKey().day() + "," + row.getKey().channel() + "," + row.getKey().currency() + ","
                        + s.placed + "," + s.confirmed + "," + s.cancelled + "," + s.expired + "," + s.units + ","
                        + s.gross + "," + 0 + "\n");
            }
        }
        HexFormat hex = HexFormat.of();
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("lead_times.csv"))) {
            for (Map.Entry<LeadKey, Histogram> row : new TreeMap<>(leads).entrySet()) {
                LeadKey key = row.getKey();
                // the carrier quoted: an unquoted empty CSV field is NULL to COPY, and "" (every carrier) is meant
                out.write(key.period() + "," + key.start() + "," + key.channel() + "," + key.metric() + ",\"" + key.carrier() + "\","
                        + row.getValue().getTotalCount() + ",\\x" + hex.formatHex(encode(row.getValue())) + "\n");
            }
        }
        System.out.println(sales.size() + " sales rows, " + leads.size() + " lead-time histograms for " + orders + " orders");
    }

    /** Between {@code low} and {@code high} seconds, skewed to the low end (the square of a uniform draw). */
    private static long spread(SplittableRandom random, long low, long high) {
        double u = random.nextDouble();
        return low + (long) ((high - low) * u * u);
    }

    /** A duration into its day's, week's and month's rows, for its channel and every channel, its carrier and every carrier. */
    private static void record(Map<LeadKey, Histogram> leads, LocalDate day, String channel, String metric,
                               String carrier, long seconds) {
        if (day.isAfter(today)) {
            return; // a delivery still to come
        }
        LocalDate[] starts = {day, day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)),
                day.withDayOfMonth(1)};
        String[] periods = {"day", "week", "month"};
        for (int p = 0; p < 3; p++) {
            for (String inChannel : new String[]{channel, "*"}) {
                for (String ofCarrier : carrier.isEmpty() ? new String[]{""} : new String[]{"", carrier}) {
                    leads.computeIfAbsent(new LeadKey(periods[p], starts[p], inChannel, metric, ofCarrier),
                            k -> new Histogram(HIGHEST_SECONDS, 2)).recordValue(Math.min(seconds, HIGHEST_SECONDS));
                }
            }
        }
    }

    private static byte[] encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }
}
