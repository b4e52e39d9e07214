package dev.scim.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.filter.AttributePath;
import dev.scim.core.filter.CompareOp;
import dev.scim.core.filter.Filter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatchPathParserTest {
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static Filter eq(String attr, String value) {
        return new Filter.Compare(AttributePath.of(attr), CompareOp.EQ, TextNode.valueOf(value));
    }

    /** The path forms of RFC 7644 §3.5.2 and its examples, plus the ones Okta and Entra ID send. */
    static Stream<Arguments> paths() {
        return Stream.of(
                arguments("active", PatchPath.of(AttributePath.of("active"))),
                arguments("name.givenName", PatchPath.of(AttributePath.of("name", "givenName"))),
                arguments("members", PatchPath.of(AttributePath.of("members"))),
                arguments("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]",
                        new PatchPath(AttributePath.of("members"),
                                eq("value", "2819c223-7f76-453a-919d-413861904646"), null)),
                arguments("emails[type eq \"work\"].value",
                        new PatchPath(AttributePath.of("emails"), eq("type", "work"), "value")),
                arguments("addresses[type eq \"work\"].streetAddress",
                        new PatchPath(AttributePath.of("addresses"), eq("type", "work"), "streetAddress")),
                arguments("emails[type eq \"work\" and value ew \"]x\"]",
                        new PatchPath(AttributePath.of("emails"), new Filter.And(eq("type", "work"),
                                new Filter.Compare(AttributePath.of("value"), CompareOp.EW, TextNode.valueOf("]x"))),
                                null)),
                arguments(ENTERPRISE + ":employeeNumber",
                        PatchPath.of(new AttributePath(ENTERPRISE, "employeeNumber", null))),
                arguments(ENTERPRISE + ":manager.value",
                        PatchPath.of(new AttributePath(ENTERPRISE, "manager", "value"))),
                arguments("urn:okta:app:custom:1.0:user:custom:foo",
                        PatchPath.of(new AttributePath("urn:okta:app:custom:1.0:user:custom", "foo", null))),
                arguments("urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq \"work\"].display",
                        new PatchPath(new AttributePath("urn:ietf:params:scim:schemas:core:2.0:User", "emails", null),
                                eq("type", "work"), "display")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void parse_shouldBuildThePatchPath_whenPathIsValid(String text, PatchPath expected) {
        assertThat(PatchPathParser.parse(text)).isEqualTo(expected);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("", "Invalid path '': a PATCH path must name an attribute, e.g. name.givenName or "
                        + "emails[type eq \"work\"].value"),
                arguments("emails[type eq \"work\"", "Invalid path 'emails[type eq \"work\"': expected ']' to close "
                        + "the '[' at position 6 but found the end of the path at position 21"),
                arguments("emails[type eq]", "Invalid path 'emails[type eq]': expected a value (a \"quoted string\", "
                        + "a number, true, false or null) but found the end of the value filter at position 14"),
                arguments("emails[type equals \"w\"]", "Invalid path 'emails[type equals \"w\"]': expected an "
                        + "operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) but found 'equals' at position 12"),
                arguments("emails[type eq \"work\"]value", "Invalid path 'emails[type eq \"work\"]value': expected '.' "
                        + "and a sub-attribute or the end of the path after ']' at position 22"),
                arguments("name.givenName[value eq \"x\"]", "Invalid path 'name.givenName[value eq \"x\"]': '[' must "
                        + "follow a multi-valued attribute, not the sub-attribute 'name.givenName' at position 14"),
                arguments("user name", "Invalid path 'user name': unexpected ' ' in an attribute path at position 4"),
                arguments("emails]", "Invalid path 'emails]': ']' without a matching '[' at position 6"),
                arguments("emails[]", "Invalid path 'emails[]': the value filter between '[' and ']' is empty at "
                        + "position 7"),
                arguments("emails[type eq \"work\"].value.x", "Invalid path 'emails[type eq \"work\"].value.x': after "
                        + "']' only one sub-attribute name may follow, e.g. emails[type eq \"work\"].value at position 23"),
                arguments("9lives", "Invalid path '9lives': '9lives' is not a valid attribute path (names start with a "
                        + "letter and contain letters, digits, '-' or '_', e.g. name.familyName) at position 0"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void parse_shouldRejectWithActionableDetail_whenPathIsMalformed(String text, String detail) {
        assertThatThrownBy(() -> PatchPathParser.parse(text))
                .isInstanceOf(ScimException.InvalidPath.class)
                .hasMessage(detail);
    }
}
