package dev.scim.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiTokenTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TOKEN = "scim_acme-eu_AbCdEfGhIj" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    @Test
    void generate_shouldProducePrefixTenantIdAndSecret_whenTenantIsValid() {
        // when
        ApiToken token = ApiToken.generate("acme-eu", RANDOM);

        // then
        assertThat(token.value()).matches("scim_acme-eu_[0-9A-Za-z]{53}");
        assertThat(token.tokenId()).hasSize(10);
        assertThat(token.secret()).hasSize(43);
        assertThat(token.value()).hasSize("scim_acme-eu_".length() + 53);
    }

    @Test
    void generate_shouldNeverRepeat_whenCalledManyTimes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) assertThat(seen.add(ApiToken.generate("t", RANDOM).value())).isTrue();
    }

    @Test
    void parse_shouldRoundTrip_whenTokenWasGenerated() {
        // given
        ApiToken token = ApiToken.generate("acme", RANDOM);

        // when
        ApiToken.Parse parsed = ApiToken.parse(token.value());

        // then
        assertThat(parsed).isEqualTo(new ApiToken.Parse.Parsed(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {TOKEN, " " + TOKEN + " ", "Bearer " + TOKEN, "bearer " + TOKEN, "BEARER   " + TOKEN,
            "\tBearer\t" + TOKEN + "\n"})
    void fromAuthorizationHeader_shouldReadTenantAndId_whenBareOrBearerInAnyCase(String header) {
        // when
        ApiToken.Parse parsed = ApiToken.fromAuthorizationHeader(header);

        // then
        assertThat(parsed).isInstanceOfSatisfying(ApiToken.Parse.Parsed.class, p -> {
            assertThat(p.token().tenant()).isEqualTo("acme-eu");
            assertThat(p.token().tokenId()).isEqualTo("AbCdEfGhIj");
            assertThat(p.token().value()).isEqualTo(TOKEN);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "''                                  | missing token            | NULL    | NULL",
            "'   '                               | missing token            | NULL    | NULL",
            "NULL                                | missing token            | NULL    | NULL",
            "Bearer                              | malformed: wrong prefix  | NULL    | NULL",
            "Basic dXNlcjpwYXNz                  | malformed: wrong prefix  | NULL    | NULL",
            "xcim_acme_AbCdEfGhIj0123456789abcdefghijklmnopqrstuvwxyzABCDEFG | malformed: wrong prefix | NULL | NULL",
            "scim_acme_AbCdEfGhIj0123456789abcdefghijklmnopqrstuvwxyzABCDEF | malformed: wrong length | acme | AbCdEfGhIj",
            "scim_acme_AbCdEfGhIj0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH | malformed: wrong length | acme | AbCdEfGhIj",
            "scim_acme_AbCdE                     | malformed: wrong length  | acme    | NULL",
            "scim_acme_AbCdEfGhIj0123456789abcdefghijklmnopqrstuvwxyzABCDEF! | malformed: not base62 | acme | AbCdEfGhIj",
            "scim_ACME_AbCdEfGhIj0123456789abcdefghijklmnopqrstuvwxyzABCDEFG | malformed: invalid tenant | NULL | NULL",
            "scim__AbCdEfGhIj0123456789abcdefghijklmnopqrstuvwxyzABCDEFG | malformed: no tenant | NULL | NULL",
            "scim_acmeAbCdEfGhIj0123456789abcdefghijklmnopqrstuvwxyzABCDEFG | malformed: no tenant | NULL | NULL",
            "Bearer Bearer scim_acme_AbCdEfGhIj0123456789abcdefghijklmnopqrstuvwxyzABCDEFG | malformed: wrong prefix | NULL | NULL",
    })
    void fromAuthorizationHeader_shouldRejectWithReason_whenMalformed(String header, String reason, String tenant,
            String tokenId) {
        assertThat(ApiToken.fromAuthorizationHeader(header))
                .isEqualTo(new ApiToken.Parse.Malformed(reason, tenant, tokenId));
    }

    @Test
    void fromAuthorizationHeader_shouldRejectWithoutThrowing_whenHugeOrBinaryGarbage() {
        assertThat(ApiToken.fromAuthorizationHeader("scim_" + "a".repeat(100_000)))
                .isEqualTo(new ApiToken.Parse.Malformed("malformed: too long", null, null));
        assertThat(ApiToken.fromAuthorizationHeader("scim_\u0000\uFFFF_\uD800"))
                .isInstanceOf(ApiToken.Parse.Malformed.class);
    }

    @Test
    void requireTenant_shouldExplainAllowedCharacters_whenTenantIsInvalid() {
        assertThatThrownBy(() -> ApiToken.requireTenant("Acme_Corp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tenant id 'Acme_Corp' is not valid: use 1 to 63 lower-case letters, digits or '-', "
                        + "starting with a letter or digit (for example 'acme' or 'acme-eu')");
        assertThatThrownBy(() -> ApiToken.requireTenant("a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiToken.requireTenant("-acme")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ApiToken.requireTenant("a".repeat(63))).hasSize(63);
    }

    @Test
    void digest_shouldBeSha256OfWholeToken_andToStringShouldHideSecret() throws Exception {
        // given
        ApiToken token = ((ApiToken.Parse.Parsed) ApiToken.parse(TOKEN)).token();

        // then
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256")
                .digest(TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(token.digest()).hasSize(32).isEqualTo(expected);
        assertThat(token.digestHex()).isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(token.toString()).doesNotContain(token.secret()).contains("acme-eu", "AbCdEfGhIj");
    }

    @Test
    void shardOf_shouldBeTwoHexDigitsFromSha256OfTenant() throws Exception {
        byte first = java.security.MessageDigest.getInstance("SHA-256")
                .digest("acme".getBytes(java.nio.charset.StandardCharsets.UTF_8))[0];
        assertThat(TokenMaterialStore.shardOf("acme")).isEqualTo(String.format("%02x", first & 0xff));
    }
}
