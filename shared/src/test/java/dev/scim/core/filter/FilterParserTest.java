package dev.scim.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.scim.core.error.ScimException;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterParserTest {
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    static Filter.Compare cmp(String path, CompareOp op, JsonNode value) {
        return new Filter.Compare(path(path), op, value);
    }

    static Filter.Compare cmp(String path, CompareOp op, String value) {
        return cmp(path, op, TextNode.valueOf(value));
    }

    /** Test helper mirroring the grammar: URN up to the last ':', then name[.sub]. */
    static AttributePath path(String p) {
        int colon = p.lastIndexOf(':');
        String urn = colon < 0 ? null : p.substring(0, colon);
        String rest = p.substring(colon + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? new AttributePath(urn, rest, null)
                : new AttributePath(urn, rest.substring(0, dot), rest.substring(dot + 1));
    }

    /** Every filter example of RFC 7644 §3.4.2.2 (Figure 2 and the text), with its tree. */
    static Stream<Arguments> rfcExamples() {
        Filter emailsCoOrValue = new Filter.Or(cmp("emails", CompareOp.CO, "example.com"),
                cmp("emails.value", CompareOp.CO, "example.org"));
        return Stream.of(
                arguments("userName eq \"bjensen\"", cmp("userName", CompareOp.EQ, "bjensen")),
                arguments("name.familyName co \"O'Malley\"", cmp("name.familyName", CompareOp.CO, "O'Malley")),
                arguments("userName sw \"J\"", cmp("userName", CompareOp.SW, "J")),
                arguments("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
                        new Filter.Compare(new AttributePath("urn:ietf:params:scim:schemas:core:2.0:User",
                                "userName", null), CompareOp.SW, TextNode.valueOf("J"))),
                arguments("title pr", new Filter.Present(AttributePath.of("title"))),
                arguments("meta.lastModified gt \"2011-05-13T04:42:34Z\"",
                        cmp("meta.lastModified", CompareOp.GT, "2011-05-13T04:42:34Z")),
                arguments("meta.lastModified ge \"2011-05-13T04:42:34Z\"",
                        cmp("meta.lastModified", CompareOp.GE, "2011-05-13T04:42:34Z")),
                arguments("meta.lastModified lt \"2011-05-13T04:42:34Z\"",
                        cmp("meta.lastModified", CompareOp.LT, "2011-05-13T04:42:34Z")),
                arguments("meta.lastModified le \"2011-05-13T04:42:34Z\"",
                        cmp("meta.lastModified", CompareOp.LE, "2011-05-13T04:42:34Z")),
                arguments("title pr and userType eq \"Employee\"",
                        new Filter.And(new Filter.Present(AttributePath.of("title")),
                                cmp("userType", CompareOp.EQ, "Employee"))),
                arguments("title pr or userType eq \"Intern\"",
                        new Filter.Or(new Filter.Present(AttributePath.of("title")),
                                cmp("userType", CompareOp.EQ, "Intern"))),
                arguments("schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"",
                        cmp("schemas", CompareOp.EQ, ENTERPRISE)),
                arguments("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
                        new Filter.And(cmp("userType", CompareOp.EQ, "Employee"), emailsCoOrValue)),
                arguments("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co "
                        + "\"example.org\")",
                        new Filter.And(cmp("userType", CompareOp.NE, "Employee"), new Filter.Not(emailsCoOrValue))),
                arguments("userType eq \"Employee\" and (emails.type eq \"work\")",
                        new Filter.And(cmp("userType", CompareOp.EQ, "Employee"),
                                cmp("emails.type", CompareOp.EQ, "work"))),
                arguments("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
                        new Filter.And(cmp("userType", CompareOp.EQ, "Employee"),
                                new Filter.ValuePath(AttributePath.of("emails"), new Filter.And(
                                        cmp("type", CompareOp.EQ, "work"),
                                        cmp("value", CompareOp.CO, "@example.com"))))),
                arguments("emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value "
                        + "co \"@foo.com\"]",
                        new Filter.Or(
                                new Filter.ValuePath(AttributePath.of("emails"), new Filter.And(
                                        cmp("type", CompareOp.EQ, "work"),
                                        cmp("value", CompareOp.CO, "@example.com"))),
                                new Filter.ValuePath(AttributePath.of("ims"), new Filter.And(
                                        cmp("type", CompareOp.EQ, "xmpp"),
                                        cmp("value", CompareOp.CO, "@foo.com"))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfcExamples")
    void parse_shouldBuildTheExpectedTree_whenGivenAnRfc7644Example(String filter, Filter expected) {
        // when
        Filter parsed = FilterParser.parse(filter);

        // then
        assertThat(parsed).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfcExamples")
    void print_shouldParseBackToAnEqualTree_whenGivenAnRfc7644Example(String filter, Filter expected) {
        // when
        String printed = FilterPrinter.print(expected);

        // then
        assertThat(FilterParser.parse(printed)).isEqualTo(expected);
        assertThat(FilterPrinter.print(FilterParser.parse(printed))).isEqualTo(printed); // canonical: a fixed point
    }

    @Test
    void parse_shouldGiveNotHigherPrecedenceThanAndAndAndHigherThanOr_whenMixed() {
        // given
        String filter = "a eq 1 or not (b eq 2) and c eq 3 or d pr";

        // when
        Filter parsed = FilterParser.parse(filter);

        // then
        Filter expected = new Filter.Or(
                new Filter.Or(cmp("a", CompareOp.EQ, IntNode.valueOf(1)),
                        new Filter.And(new Filter.Not(cmp("b", CompareOp.EQ, IntNode.valueOf(2))),
                                cmp("c", CompareOp.EQ, IntNode.valueOf(3)))),
                new Filter.Present(AttributePath.of("d")));
        assertThat(parsed).isEqualTo(expected);
    }

    @Test
    void print_shouldKeepNeededParentheses_whenTreeIsRightNestedOrMixed() {
        // given
        Filter a = cmp("a", CompareOp.EQ, "1");
        Filter b = cmp("b", CompareOp.EQ, "2");
        Filter c = cmp("c", CompareOp.EQ, "3");
        Filter rightNestedAnd = new Filter.And(a, new Filter.And(b, c));
        Filter andOfOr = new Filter.And(new Filter.Or(a, b), c);
        Filter rightNestedOr = new Filter.Or(a, new Filter.Or(b, c));

        // then
        for (Filter f : new Filter[] {rightNestedAnd, andOfOr, rightNestedOr}) {
            assertThat(FilterParser.parse(FilterPrinter.print(f))).isEqualTo(f);
        }
        assertThat(FilterPrinter.print(andOfOr)).isEqualTo("(a eq \"1\" or b eq \"2\") and c eq \"3\"");
    }

    @Test
    void parse_shouldReadOperatorsAndKeywordsCaseInsensitively_whenUpperCase() {
        // when
        Filter parsed = FilterParser.parse("userName EQ \"x\" AND NOT (title PR) OR active Eq TRUE");

        // then
        assertThat(parsed).isEqualTo(new Filter.Or(
                new Filter.And(cmp("userName", CompareOp.EQ, "x"),
                        new Filter.Not(new Filter.Present(AttributePath.of("title")))),
                cmp("active", CompareOp.EQ, BooleanNode.TRUE)));
    }

    @Test
    void parse_shouldTreatPlusAsSpaceOutsideStringsOnly_whenFormEncodedPlusRemains() {
        // when
        Filter parsed = FilterParser.parse("userName+eq+\"a+b@example.com\"+and+active+eq+true");

        // then
        assertThat(parsed).isEqualTo(new Filter.And(cmp("userName", CompareOp.EQ, "a+b@example.com"),
                cmp("active", CompareOp.EQ, BooleanNode.TRUE)));
    }

    @Test
    void parse_shouldSplitSchemaUrnAtLastColon_whenExtensionAttributes() {
        // when
        Filter enterprise = FilterParser.parse(ENTERPRISE + ":employeeNumber eq \"701984\"");
        Filter okta = FilterParser.parse("urn:okta:app:custom:1.0:user:custom:foo eq \"bar\"");
        Filter manager = FilterParser.parse(ENTERPRISE + ":manager.value eq \"26118915\"");

        // then
        assertThat(enterprise).isEqualTo(new Filter.Compare(new AttributePath(ENTERPRISE, "employeeNumber", null),
                CompareOp.EQ, TextNode.valueOf("701984")));
        assertThat(okta).isEqualTo(new Filter.Compare(
                new AttributePath("urn:okta:app:custom:1.0:user:custom", "foo", null),
                CompareOp.EQ, TextNode.valueOf("bar")));
        assertThat(manager).isEqualTo(new Filter.Compare(new AttributePath(ENTERPRISE, "manager", "value"),
                CompareOp.EQ, TextNode.valueOf("26118915")));
        assertThat(FilterParser.parse(FilterPrinter.print(okta))).isEqualTo(okta);
    }

    @Test
    void parse_shouldDecodeJsonLiterals_whenStringsHaveEscapesAndNumbersAndKeywords() {
        // when
        Filter escaped = FilterParser.parse("displayName eq \"Tab\\there \\\"quoted\\\" \\u00e9 \\\\ /\"");
        Filter numbers = FilterParser.parse("a eq -12 and b gt 1.5e+3 and c eq null and d eq false");

        // then
        assertThat(escaped).isEqualTo(cmp("displayName", CompareOp.EQ, "Tab\there \"quoted\" é \\ /"));
        assertThat(numbers).isEqualTo(new Filter.And(new Filter.And(new Filter.And(
                cmp("a", CompareOp.EQ, IntNode.valueOf(-12)),
                cmp("b", CompareOp.GT, DecimalNode.valueOf(new BigDecimal("1.5e+3")))),
                cmp("c", CompareOp.EQ, NullNode.instance)),
                cmp("d", CompareOp.EQ, BooleanNode.FALSE)));
        assertThat(FilterParser.parse(FilterPrinter.print(escaped))).isEqualTo(escaped);
        assertThat(FilterParser.parse(FilterPrinter.print(numbers))).isEqualTo(numbers);
    }

    static Stream<Arguments> malformed() {
        String ops = "(eq, ne, co, sw, ew, gt, ge, lt, le, pr)";
        return Stream.of(
                arguments("SOMEONE@EXAMPLE.COM", 19, "Invalid filter 'SOMEONE@EXAMPLE.COM': expected an operator "
                        + ops + " at position 19"),
                arguments("userName eq \"bjensen", 12, "Invalid filter 'userName eq \"bjensen': unterminated string: "
                        + "the '\"' has no closing quote; it starts at position 12"),
                arguments("(userName eq \"a\" or title pr", 28, "Invalid filter '(userName eq \"a\" or title pr': "
                        + "expected ')' to close the '(' at position 0 but found the end of the filter at position 28"),
                arguments("userName equals \"a\"", 9, "Invalid filter 'userName equals \"a\"': expected an operator "
                        + ops + " but found 'equals' at position 9"),
                arguments("userName eq \"a\" garbage", 16, "Invalid filter 'userName eq \"a\" garbage': unexpected "
                        + "'garbage'; expected 'and', 'or' or the end of the filter at position 16"),
                arguments("userName eq \"a\")", 15, "Invalid filter 'userName eq \"a\")': unexpected ')'; expected "
                        + "'and', 'or' or the end of the filter at position 15"),
                arguments("", 0, "Invalid filter '': the filter is empty; expected e.g. userName eq \"bjensen\""),
                arguments("   ", 0, "Invalid filter '   ': the filter is empty; expected e.g. userName eq \"bjensen\""),
                arguments("userName eq bjensen", 12, "Invalid filter 'userName eq bjensen': expected a value (a "
                        + "\"quoted string\", a number, true, false or null) but found 'bjensen' at position 12"),
                arguments("userName eq", 11, "Invalid filter 'userName eq': expected a value (a \"quoted string\", a "
                        + "number, true, false or null) but found the end of the filter at position 11"),
                arguments("title pr and", 12, "Invalid filter 'title pr and': expected an attribute name, '(' or "
                        + "'not' but found the end of the filter at position 12"),
                arguments("not title pr", 4, "Invalid filter 'not title pr': expected '(' after 'not' (write not "
                        + "(expression)) but found 'title' at position 4"),
                arguments("emails[type eq \"work\"", 21, "Invalid filter 'emails[type eq \"work\"': expected ']' to "
                        + "close the '[' at position 6 but found the end of the value filter at position 21"),
                arguments("emails[]", 7, "Invalid filter 'emails[]': the value filter between '[' and ']' is empty "
                        + "at position 7"),
                arguments("emails[x[y eq 1]]", 8, "Invalid filter 'emails[x[y eq 1]]': a value filter cannot contain "
                        + "another '[' (nested value paths are not allowed) at position 8"),
                arguments("1userName eq \"a\"", 0, "Invalid filter '1userName eq \"a\"': '1userName' is not a valid "
                        + "attribute path (names start with a letter and contain letters, digits, '-' or '_', e.g. "
                        + "name.familyName) at position 0"),
                arguments("a eq 01", 5, "Invalid filter 'a eq 01': '01' is not a valid number at position 5"),
                arguments("a eq \"x\\q\"", 7, "Invalid filter 'a eq \"x\\q\"': invalid escape '\\q' in a string "
                        + "(allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) at position 7"),
                arguments("foo:bar eq 1", 0, "Invalid filter 'foo:bar eq 1': 'foo:bar' is not an attribute path: a "
                        + "schema prefix must be a URN such as urn:ietf:params:scim:schemas:core:2.0:User at position 0"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void parse_shouldRejectWithActionableDetailAndOffset_whenFilterIsMalformed(String filter, int offset,
            String detail) {
        // when
        ScimException.InvalidFilter e = catchThrowableOfType(ScimException.InvalidFilter.class,
                () -> FilterParser.parse(filter));

        // then
        assertThat(e).isNotNull();
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.offset()).isEqualTo(offset);
    }

    @Test
    void parse_shouldRejectHostileInput_whenTooLongOrTooDeep() {
        // given
        String tooLong = "userName eq \"" + "a".repeat(FilterParser.MAX_LENGTH) + "\"";
        String tooDeep = "(".repeat(FilterParser.MAX_DEPTH + 1) + "a pr" + ")".repeat(FilterParser.MAX_DEPTH + 1);
        String deepEnough = "(".repeat(FilterParser.MAX_DEPTH) + "a pr" + ")".repeat(FilterParser.MAX_DEPTH);

        // when
        ScimException.InvalidFilter longError = catchThrowableOfType(ScimException.InvalidFilter.class,
                () -> FilterParser.parse(tooLong));
        ScimException.InvalidFilter deepError = catchThrowableOfType(ScimException.InvalidFilter.class,
                () -> FilterParser.parse(tooDeep));

        // then
        assertThat(longError.detail()).isEqualTo("Invalid filter: it is " + tooLong.length()
                + " characters long; at most 4096 are accepted");
        assertThat(deepError.detail()).contains("nests parentheses or brackets more than 50 levels deep at position 50");
        assertThat(deepError.offset()).isEqualTo(50);
        assertThat(FilterParser.parse(deepEnough)).isEqualTo(new Filter.Present(AttributePath.of("a")));
    }

    @Test
    void parse_shouldReadLongAndChainsWithoutDeepRecursion_whenNearTheLengthCap() {
        // given
        StringBuilder b = new StringBuilder("a eq 0");
        int terms = 1;
        while (b.length() < FilterParser.MAX_LENGTH - 12) {
            b.append(" and a eq ").append(terms % 10);
            terms++;
        }

        // when
        Filter parsed = FilterParser.parse(b.toString());

        // then
        assertThat(FilterPrinter.print(parsed)).isEqualTo(b.toString());
        assertThat(terms).isGreaterThan(300);
    }
}
