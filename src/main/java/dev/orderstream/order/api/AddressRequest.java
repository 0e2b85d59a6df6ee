package dev.orderstream.order.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@ValidAddress
@Schema(description = "Where the parcels go. Checked at placement against the country's rules (README \"Customer details\").")
public record AddressRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 200) String line1,
        @Size(max = 200) String line2,
        @NotBlank @Size(max = 100) String city,
        @Schema(description = "In the country's format, from Google's address metadata (libaddressinput): "
                + "required where the country's post requires one, refused for a country without postal codes. "
                + "Stored as the post writes it: upper case, with its space or hyphen (ec1y8sy becomes EC1Y 8SY)",
                examples = "10115")
        @Size(max = 20) String postalCode,
        @Schema(description = "An ISO 3166-1 alpha-2 code that exists (any case; stored upper case). "
                + "A store that sets orderstream.shipping.countries refuses others with a 422 country-not-shipped",
                examples = "DE")
        @NotBlank String country,
        @Schema(description = "Optional, for the carrier: a number valid in the address's country, in national "
                + "or international form (checked with libphonenumber); stored in E.164",
                examples = "+49 30 1234567")
        @Size(max = 40) String phone) {
}
