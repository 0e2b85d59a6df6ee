package orderstream.bench;

import java.util.concurrent.ThreadLocalRandom;

/** Order bodies and SKU picks, without Gatling, so plain-JDK tools can share them. */
final class Orders {

    private Orders() {
    }

    static String sku(int n) {
        return String.format("SKU-%05d", n);
    }

    /** Two distinct random SKUs out of SKU-00001..SKU-{skus}. */
    static String[] twoSkus(int skus) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int a = random.nextInt(1, skus + 1);
        int b = 1 + (a + random.nextInt(1, skus) - 1) % skus;
        return new String[]{sku(a), sku(b)};
    }

    static String body(String customer, String... skus) {
        StringBuilder lines = new StringBuilder();
        for (String sku : skus) {
            lines.append(lines.length() == 0 ? "" : ",").append("{\"sku\":\"").append(sku).append("\",\"quantity\":1}");
        }
        return "{\"customerId\":\"" + customer + "\",\"email\":\"bench@example.com\",\"channel\":\"web\","
                + "\"shippingAddress\":{\"name\":\"Ada Lovelace\",\"line1\":\"1 Analytical Way\",\"city\":\"London\","
                + "\"postalCode\":\"N1 9GU\",\"country\":\"GB\"},\"lines\":[" + lines + "]}";
    }
}
