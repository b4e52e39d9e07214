package dev.scim.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.json.Json;
import dev.scim.core.model.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterEvaluatorTest {
    private static final ObjectNode BJENSEN = json("""
            {
              "id": "2819c223-7f76-453a-919d-413861904646",
              "externalId": "Bjensen-EXT",
              "meta": {"resourceType": "User", "created": "2010-01-23T04:56:22Z",
                       "lastModified": "2011-05-13T04:42:34.000Z"},
              "userName": "bjensen@example.com",
              "name": {"familyName": "O'Malley", "givenName": "Barbara"},
              "title": "Tour Guide",
              "userType": "Employee",
              "active": true,
              "nickName": "",
              "emails": [
                {"value": "bjensen@example.com", "type": "work", "primary": true},
                {"value": "babs@jensen.org", "type": "home"}
              ],
              "ims": [{"value": "someaimhandle", "type": "aim"}],
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                "employeeNumber": "701984", "costCenter": "4130",
                "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d"}
              },
              "urn:okta:app:custom:1.0:user:custom": {"favouriteColour": "Blue", "level": 7}
            }""");

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean matches(String filter) {
        return FilterEvaluator.matches(FilterParser.parse(filter), BJENSEN, ResourceType.USER);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // case sensitivity: names always insensitive; values insensitive unless caseExact (id, externalId)
        "userName eq \"BJENSEN@example.COM\"                    | true",
        "USERNAME eq \"bjensen@example.com\"                    | true",
        "externalId eq \"bjensen-ext\"                          | false",
        "externalId eq \"Bjensen-EXT\"                          | true",
        "id eq \"2819C223-7F76-453A-919D-413861904646\"         | false",
        "id eq \"2819c223-7f76-453a-919d-413861904646\"         | true",
        "meta.resourceType eq \"user\"                          | false",
        "name.familyName co \"o'mal\"                           | true",
        "userName sw \"BJ\"                                     | true",
        "userName ew \"EXAMPLE.COM\"                            | true",
        "title gt \"tour\"                                      | true",
        "title lt \"A\"                                         | false",
        // presence and missing attributes
        "title pr                                               | true",
        "nickName pr                                            | false",
        "displayName pr                                         | false",
        "displayName ne \"x\"                                   | true",
        "displayName eq \"x\"                                   | false",
        "displayName eq null                                    | true",
        "title eq null                                          | false",
        "emails pr                                              | true",
        "name pr                                                | true",
        // booleans and numbers
        "active eq true                                         | true",
        "active ne true                                         | false",
        "active eq \"true\"                                     | false",
        "urn:okta:app:custom:1.0:user:custom:level gt 6.5       | true",
        "urn:okta:app:custom:1.0:user:custom:level le 6         | false",
        "urn:okta:app:custom:1.0:user:custom:level eq 7.0       | true",
        // multi-valued: any value; complex without sub-attribute compares 'value'
        "emails co \"@jensen.org\"                              | true",
        "emails eq \"BABS@jensen.org\"                          | true",
        "emails.type eq \"home\"                                | true",
        "emails.type eq \"other\"                               | false",
        "emails[type eq \"work\" and value co \"@example.com\"] | true",
        "emails[type eq \"home\" and value co \"@example.com\"] | false",
        "emails[type eq \"home\" and not (primary eq true)]     | true",
        "emails[primary pr] and ims[type eq \"aim\"]            | true",
        "emails.primary eq true                                 | true",
        // extensions: known (enterprise) and unknown (Okta custom, case-insensitive)
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\" | true",
        "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:EMPLOYEENUMBER eq \"701984\" | true",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value sw \"26118915\" | true",
        "urn:okta:app:custom:1.0:user:custom:favouriteColour eq \"blue\"                          | true",
        "urn:okta:app:custom:1.0:user:custom:missing ne \"x\"                                     | true",
        "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"bjensen\"                       | true",
        "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"                | true",
        "schemas eq \"urn:ietf:params:scim:schemas:core:2.0:Group\"                               | false",
        // dates compare as instants, whatever the precision written
        "meta.lastModified eq \"2011-05-13T04:42:34Z\"          | true",
        "meta.lastModified gt \"2011-05-13T04:42:34Z\"          | false",
        "meta.lastModified ge \"2011-05-13T06:42:34+02:00\"     | true",
        "meta.created lt \"2011-05-13T04:42:34Z\"               | true",
        "meta.created gt \"2010-01-23T04:56:21.999Z\"           | true",
        // logic and precedence
        "title pr and userType eq \"Employee\"                  | true",
        "title pr and userType eq \"Intern\"                    | false",
        "userType eq \"Intern\" or title pr                     | true",
        "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\") | false",
        "not (userType eq \"Intern\") and not (title pr and active eq false) | true"
    })
    void matches_shouldFollowRfc7644Rules_whenEvaluatingAgainstBjensen(String filter, boolean expected) {
        assertThat(matches(filter)).as(filter).isEqualTo(expected);
    }

    @Test
    void matches_shouldMatchGroupsByDisplayNameCaseInsensitively_whenGroupDocument() {
        // given
        ObjectNode group = json("{\"id\":\"g1\",\"displayName\":\"Tour Guides\",\"meta\":{\"resourceType\":\"Group\"}}");

        // then
        assertThat(FilterEvaluator.matches(FilterParser.parse("displayName eq \"tour guides\""), group,
                ResourceType.GROUP)).isTrue();
        assertThat(FilterEvaluator.matches(FilterParser.parse("displayName eq \"tour\""), group,
                ResourceType.GROUP)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "active gt true                         | Invalid filter 'active gt true': 'gt' cannot order booleans; use eq or ne",
        "active ge false                        | Invalid filter 'active ge false': 'ge' cannot order booleans; use eq or ne",
        "active co \"t\"                        | Invalid filter 'active co \"t\"': 'co' does not apply to the boolean attribute 'active'; use eq or ne",
        "userName co 5                          | Invalid filter 'userName co 5': 'co' compares strings; use a \"quoted string\" value",
        "emails sw true                         | Invalid filter 'emails sw true': 'sw' compares strings; use a \"quoted string\" value",
        "title lt null                          | Invalid filter 'title lt null': 'lt' cannot compare with null; use pr or eq null",
        "meta.lastModified gt \"yesterday\"     | Invalid filter 'meta.lastModified gt \"yesterday\"': 'yesterday' is not a dateTime; use ISO-8601 such as \"2011-05-13T04:42:34Z\"",
        "emails[primary gt true]                | Invalid filter 'primary gt true': 'gt' cannot order booleans; use eq or ne"
    })
    void matches_shouldRejectTypeMisuse_whenOperatorDoesNotFitTheValue(String filter, String detail) {
        // given
        Filter parsed = FilterParser.parse(filter);

        // then: rejected both against data and without data (validate), with the same detail
        assertThatThrownBy(() -> FilterEvaluator.matches(parsed, BJENSEN, ResourceType.USER))
                .isInstanceOf(ScimException.InvalidFilter.class).hasMessage(detail);
        assertThatThrownBy(() -> FilterEvaluator.validate(parsed, ResourceType.USER))
                .isInstanceOf(ScimException.InvalidFilter.class).hasMessage(detail);
    }

    @Test
    void matches_shouldNotMutateTheResource_whenEvaluatingSchemasWithoutASchemasKey() {
        // given
        ObjectNode before = BJENSEN.deepCopy();

        // when
        matches("schemas eq \"urn:ietf:params:scim:schemas:core:2.0:User\"");

        // then
        assertThat(BJENSEN).isEqualTo(before);
    }
}
