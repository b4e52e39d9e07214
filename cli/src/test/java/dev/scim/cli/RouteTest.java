package dev.scim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {
    private final Route user = new Route("GET", "/scim/v1/Users/{id}", "GetUserFunction", "x.GetUserHandler", true);

    @Test
    void match_shouldDecodePathParameter_whenPathFitsTemplate() {
        assertThat(user.match("/scim/v1/Users/a%20b%2Fc")).hasValue(Map.of("id", "a b/c"));
    }

    @Test
    void match_shouldFail_whenSegmentCountOrLiteralDiffers() {
        assertThat(user.match("/scim/v1/Users")).isEmpty();
        assertThat(user.match("/scim/v1/Users/a/b")).isEmpty();
        assertThat(user.match("/scim/v2/Users/a")).isEmpty();
        assertThat(user.match("/scim/v1/Users/")).isEmpty();
    }

    @Test
    void allowsMethod_shouldAcceptEveryMethod_whenAny() {
        Route any = new Route("any", "/scim/v1/Schemas", "SchemasFunction", "x.SchemasHandler", true);

        assertThat(List.of("GET", "POST", "DELETE")).allMatch(any::allowsMethod);
        assertThat(user.allowsMethod("POST")).isFalse();
    }

    @Test
    void decode_shouldKeepPlus_andDecodePercentEscapesAsUtf8() {
        assertThat(PercentDecoding.decode("a+b%20c%2Bd")).isEqualTo("a+b c+d");
        assertThat(PercentDecoding.decode("Zo%C3%AB")).isEqualTo("Zoë");
        assertThat(PercentDecoding.decode("100%")).isEqualTo("100%");
        assertThat(PercentDecoding.decode("%zz")).isEqualTo("%zz");
    }

    @Test
    void query_shouldKeepEveryValueInOrder() {
        assertThat(PercentDecoding.query("filter=userName%20eq%20%22a%2Bb%22&count=1&count=2&flag&=x"))
                .containsExactly(Map.entry("filter", List.of("userName eq \"a+b\"")),
                        Map.entry("count", List.of("1", "2")), Map.entry("flag", List.of("")));
    }
}
