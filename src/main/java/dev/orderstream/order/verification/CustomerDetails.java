package dev.orderstream.order.verification;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.order.Customer;
import dev.orderstream.order.ShippingAddress;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Order verification of the customer's details (README "Customer details"): the shipping country
 * exists and is shipped to, the postal code has the country's format, the phone number is a real
 * number of the country, the email can be delivered to, the sales channel is one of the store's.
 * <p>
 * Shape checks answer the message for the field, or null when it is fine: the request's constraints
 * ({@code ValidAddress}, {@code DeliverableEmail}) turn them into a 400 with every field at once.
 * The store's own rules (which countries, which channels) are refused with a 422
 * ({@link DetailNotAcceptedException}). Normalizing gives the form that is stored: upper-case
 * country, the postal code as the post writes it, the phone in E.164, the email's domain in lower
 * case. Everything here is in memory, loaded at startup: nothing blocks.
 */
@Startup
@ApplicationScoped
public class CustomerDetails {

    /** A sales channel's shape: a slug, so analytics and filters group cleanly. */
    public static final String CHANNEL_PATTERN = "[a-z0-9][a-z0-9-]{0,39}";

    /** ISO 3166-1 alpha-2 codes, from the JDK's data. */
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern LOCAL_PART =
            Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** Compiled once: {@code String.replaceAll} compiles its pattern on every call, here once per placement. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final PostalCodeFormats formats;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final Optional<Set<String>> shipsTo;
    private final List<String> channels;

    public CustomerDetails(PostalCodeFormats formats, OrderstreamConfig config) {
        this.formats = formats;
        this.shipsTo = config.shipping().countries()
                .map(list -> Set.copyOf(list.stream().map(c -> c.strip().toUpperCase(Locale.ROOT)).toList()));
        this.channels = List.copyOf(config.channels());
        // libphonenumber reads each region's metadata from the classpath on first use: do it now
        for (String region : phones.getSupportedRegions()) {
            phones.getExampleNumber(region);
        }
    }

    // ---------------------------------------------------------------- shape: a message, or null

    public String countryProblem(String country) {
        if (country == null || country.isBlank()) {
            return null; // @NotBlank says it
        }
        return COUNTRIES.contains(country(country)) ? null
                : "must be an ISO 3166-1 alpha-2 country code that exists, such as DE or GB";
    }

    /** The postal code against the country's format; null if the country itself is wrong (said there). */
    public String postalCodeProblem(String country, String postalCode) {
        if (countryProblem(country) != null || country == null || country.isBlank()) {
            return null;
        }
        String code = country(country);
        Optional<PostalCodeFormats.Format> format = formats.of(code);
        boolean blank = postalCode == null || postalCode.isBlank();
        if (format.isEmpty()) {
            return null; // no metadata for the country: any code, or none
        }
        PostalCodeFormats.Format f = format.get();
        if (!f.hasPostalCode()) {
            return blank ? null : nameOf(code) + " has no postal codes: leave postalCode out";
        }
        if (blank) {
            return f.required() ? "is required for an address in " + nameOf(code) : null;
        }
        if (normalizedPostalCode(f, postalCode).isEmpty()) {
            return "must be a postal code of " + nameOf(code)
                    + (f.example() == null ? "" : ", such as " + f.example());
        }
        return null;
    }

    public String phoneProblem(String country, String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        Optional<PhoneNumber> number = parsePhone(country, phone);
        if (number.isPresent()) {
            return null;
        }
        String region = regionOf(country);
        return region == null
                ? "must be a phone number in international form, such as +49 30 123456"
                : "must be a phone number of " + nameOf(region) + " or in international form (+country code)";
    }

    public String emailProblem(String email) {
        if (email == null || email.isBlank()) {
            return null; // @NotBlank says it
        }
        if (email.length() > 254) {
            return "must be at most 254 characters (RFC 5321)";
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return "must be an email address, such as jane@example.com";
        }
        String local = email.substring(0, at);
        if (local.length() > 64) {
            return "must have at most 64 characters before the @ (RFC 5321)";
        }
        if (!LOCAL_PART.matcher(local).matches()) {
            return "must be an email address, such as jane@example.com";
        }
        String domain;
        try {
            domain = IDN.toASCII(email.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "must have a valid domain after the @, such as example.com";
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return "must have a domain with a dot after the @, such as example.com";
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return "must have a valid domain after the @, such as example.com";
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit) || domain.length() > 253) {
            return "must have a valid domain after the @, such as example.com";
        }
        return null;
    }

    // ---------------------------------------------------------------- the store's rules: 422

    /** Refuses a channel the store does not sell on, or a country it does not ship to. */
    public void requireAccepted(String channel, String country) {
        if (!channels.contains(channel)) {
            throw DetailNotAcceptedException.channel(channel, channels);
        }
        String code = country(country);
        if (shipsTo.isPresent() && !shipsTo.get().contains(code)) {
            throw DetailNotAcceptedException.country(code, new TreeSet<>(shipsTo.get()));
        }
    }

    // ---------------------------------------------------------------- the stored forms

    /** The customer as stored: the email's domain in lower case (the part before the @ as given). */
    public Customer normalized(Customer customer) {
        return new Customer(customer.customerId(), email(customer.email()), customer.channel(), customer.language());
    }

    /** The address as stored: upper-case country, the postal code as the post writes it, the phone in E.164. */
    public ShippingAddress normalized(ShippingAddress address) {
        String country = country(address.country());
        return new ShippingAddress(address.name(), address.line1(), address.line2(), address.city(),
                postalCode(country, address.postalCode()), country, phone(country, address.phone()));
    }

    static String country(String country) {
        return country.strip().toUpperCase(Locale.ROOT);
    }

    String postalCode(String country, String postalCode) {
        if (postalCode == null || postalCode.isBlank()) {
            return null;
        }
        return formats.of(country)
                .flatMap(f -> normalizedPostalCode(f, postalCode))
                .orElse(collapse(postalCode));
    }

    String phone(String country, String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        return parsePhone(country, phone)
                .map(number -> phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                .orElseThrow(() -> new IllegalArgumentException("an invalid phone number passed validation"));
    }

    static String email(String email) {
        int at = email.lastIndexOf('@');
        return email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * The code in the country's format, or empty if it is not one: upper case, single spaces, the
     * country's prefix ({@code HR-}) dropped, and a missing space or hyphen put back where the post
     * writes it ({@code ec1y8sy} becomes {@code EC1Y 8SY}, {@code 1540023} becomes {@code 154-0023}).
     */
    static Optional<String> normalizedPostalCode(PostalCodeFormats.Format format, String postalCode) {
        String code = collapse(postalCode);
        if (!format.prefix().isEmpty() && code.startsWith(format.prefix())) {
            code = code.substring(format.prefix().length()).strip();
        }
        if (format.pattern() == null) {
            return Optional.of(code);
        }
        String bare = code.replace(" ", "").replace("-", "");
        for (PostalCodeFormats.Separator separator : format.separators()) {
            int at = bare.length() - separator.fromEnd();
            if (at > 0 && separator.fromEnd() > 0) {
                String candidate = bare.substring(0, at) + separator.character() + bare.substring(at);
                if (format.pattern().matcher(candidate).matches()) {
                    return Optional.of(candidate);
                }
            }
        }
        for (String candidate : List.of(bare, code)) {
            if (format.pattern().matcher(candidate).matches()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String collapse(String postalCode) {
        return WHITESPACE.matcher(postalCode.strip().toUpperCase(Locale.ROOT)).replaceAll(" ");
    }

    private Optional<PhoneNumber> parsePhone(String country, String phone) {
        try {
            PhoneNumber number = phones.parse(phone, regionOf(country) == null ? "ZZ" : regionOf(country));
            return phones.isValidNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The region a national number is read in: the address's country, if it is one. */
    private String regionOf(String country) {
        if (country == null || country.isBlank() || countryProblem(country) != null) {
            return null;
        }
        String code = country(country);
        return phones.getSupportedRegions().contains(code) ? code : null;
    }

    private static String nameOf(String country) {
        return new Locale("", country).getDisplayCountry(Locale.ENGLISH);
    }
}
