package dev.scim.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.json.Json;
import dev.scim.core.model.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PatchEngineTest {
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Reads a SCIM 2.0 "Operations" array the way the 2.0 dialect does, to write tests as RFC 7644 shows them. */
    static List<PatchOperation> operations(String operationsJson) {
        List<PatchOperation> ops = new ArrayList<>();
        for (JsonNode op : json(operationsJson)) {
            PatchPath path = op.has("path") ? PatchPathParser.parse(op.get("path").asText()) : null;
            switch (op.get("op").asText().toLowerCase(Locale.ROOT)) {
                case "add" -> ops.add(new PatchOperation.Add(path, op.get("value")));
                case "replace" -> ops.add(new PatchOperation.Replace(path, op.get("value")));
                case "remove" -> ops.add(new PatchOperation.Remove(path));
                default -> throw new IllegalArgumentException(op.toString());
            }
        }
        return ops;
    }

    static ObjectNode user() {
        return (ObjectNode) json("""
                {"id":"2819c223","userName":"bjensen","displayName":"Babs",
                 "meta":{"resourceType":"User","created":"2010-01-23T04:56:22Z"},
                 "name":{"givenName":"Barbara","familyName":"Jensen"},
                 "active":true,
                 "emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                           {"value":"babs@jensen.org","type":"home"}],
                 "addresses":[{"type":"work","streetAddress":"100 Universal City Plaza","locality":"Hollywood"},
                              {"type":"home","streetAddress":"456 Hollywood Blvd"}]}""");
    }

    static ObjectNode patch(ObjectNode doc, String operationsJson) {
        return PatchEngine.apply(doc, operations(operationsJson), ResourceType.USER);
    }

    // ---- RFC 7644 §3.5.2 examples

    @Test
    void apply_shouldAppendMembers_whenAddWithPathMembers() {
        // given: RFC 7644 §3.5.2.1 first example, on a group document
        ObjectNode group = (ObjectNode) json("{\"id\":\"acbf3ae7\",\"displayName\":\"Tour Guides\","
                + "\"members\":[{\"value\":\"902c246b\",\"display\":\"Mandy\"}]}");

        // when
        ObjectNode result = PatchEngine.apply(group, operations("""
                [{"op":"add","path":"members","value":[{"display":"Babs Jensen",
                  "$ref":"https://example.com/v2/Users/2819c223","value":"2819c223"}]}]"""), ResourceType.GROUP);

        // then
        assertThat(result.get("members")).isEqualTo(json("""
                [{"value":"902c246b","display":"Mandy"},
                 {"display":"Babs Jensen","$ref":"https://example.com/v2/Users/2819c223","value":"2819c223"}]"""));
    }

    @Test
    void apply_shouldAddOnlyNewEmailsAndSetNickName_whenPathlessAdd() {
        // when: RFC 7644 §3.5.2.1 second example (note the client's "nickname" spelling), plus a duplicate email
        ObjectNode result = patch(user(), """
                [{"op":"add","value":{"emails":[{"value":"babs@jensen.org","type":"home"},
                                                {"value":"b@other.org","type":"other"}],
                                      "nickname":"Babs"}}]""");

        // then
        assertThat(result.get("emails")).hasSize(3);
        assertThat(result.get("emails").get(2)).isEqualTo(json("{\"value\":\"b@other.org\",\"type\":\"other\"}"));
        assertThat(result.get("nickName").asText()).isEqualTo("Babs");
        assertThat(result.has("nickname")).isFalse();
    }

    @Test
    void apply_shouldRemoveOneMemberAndThenAll_whenRemoveWithAndWithoutFilter() {
        // given
        ObjectNode group = (ObjectNode) json("{\"displayName\":\"g\",\"members\":[{\"value\":\"u1\"},{\"value\":\"u2\"}]}");

        // when: RFC 7644 §3.5.2.2 examples
        ObjectNode one = PatchEngine.apply(group, operations(
                "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u1\\\"]\"}]"), ResourceType.GROUP);
        ObjectNode all = PatchEngine.apply(group, operations(
                "[{\"op\":\"remove\",\"path\":\"members\"}]"), ResourceType.GROUP);
        ObjectNode lastOne = PatchEngine.apply(one, operations(
                "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u2\\\"]\"}]"), ResourceType.GROUP);

        // then
        assertThat(one.get("members")).isEqualTo(json("[{\"value\":\"u2\"}]"));
        assertThat(all.has("members")).isFalse();
        assertThat(lastOne.has("members")).as("an emptied multi-valued attribute is unassigned").isFalse();
    }

    @Test
    void apply_shouldReplaceMatchingEntryAndItsSubAttribute_whenReplaceWithValueFilter() {
        // when: RFC 7644 §3.5.2.3 examples
        ObjectNode whole = patch(user(), """
                [{"op":"replace","path":"addresses[type eq \\"work\\"]",
                  "value":{"type":"work","streetAddress":"911 Universal City Plaza","locality":"Hollywood",
                           "region":"CA","postalCode":"91608","country":"US","primary":true}}]""");
        ObjectNode street = patch(user(), """
                [{"op":"replace","path":"addresses[type eq \\"work\\"].streetAddress","value":"1010 Broadway Ave"}]""");

        // then
        assertThat(whole.get("addresses").get(0).get("streetAddress").asText()).isEqualTo("911 Universal City Plaza");
        assertThat(whole.get("addresses").get(0).get("postalCode").asText()).isEqualTo("91608");
        assertThat(whole.get("addresses").get(1)).isEqualTo(user().get("addresses").get(1));
        assertThat(street.get("addresses").get(0)).isEqualTo(json(
                "{\"type\":\"work\",\"streetAddress\":\"1010 Broadway Ave\",\"locality\":\"Hollywood\"}"));
    }

    @Test
    void apply_shouldReplaceWholeListAndSetSingleValued_whenPathlessReplace() {
        // when: RFC 7644 §3.5.2.3 last example
        ObjectNode result = patch(user(), """
                [{"op":"replace","value":{"emails":[{"value":"new@example.com","type":"work","primary":true}],
                                          "nickname":"Babs","active":false}}]""");

        // then
        assertThat(result.get("emails")).isEqualTo(json("[{\"value\":\"new@example.com\",\"type\":\"work\","
                + "\"primary\":true}]"));
        assertThat(result.get("nickName").asText()).isEqualTo("Babs");
        assertThat(result.get("active").asBoolean()).isFalse();
    }

    // ---- edge cases

    @Test
    void apply_shouldNeverMutateItsInput_whenOperationsChangeEverything() {
        // given
        ObjectNode doc = user();
        ObjectNode before = doc.deepCopy();

        // when
        patch(doc, """
                [{"op":"replace","path":"emails[type eq \\"home\\"].primary","value":true},
                 {"op":"remove","path":"addresses"},{"op":"add","path":"name.middleName","value":"J"}]""");

        // then
        assertThat(doc).isEqualTo(before);
    }

    @Test
    void apply_shouldMergeSubAttributes_whenReplaceOrAddOnComplexSingleValued() {
        // when
        ObjectNode replaced = patch(user(), "[{\"op\":\"replace\",\"path\":\"name\",\"value\":{\"givenName\":\"Babs\"}}]");
        ObjectNode added = patch(user(), "[{\"op\":\"add\",\"path\":\"name.honorificPrefix\",\"value\":\"Ms.\"}]");

        // then: sub-attributes not given are left unchanged (RFC 7644 §3.5.2.3)
        assertThat(replaced.get("name")).isEqualTo(json("{\"givenName\":\"Babs\",\"familyName\":\"Jensen\"}"));
        assertThat(added.get("name").get("honorificPrefix").asText()).isEqualTo("Ms.");
        assertThat(added.get("name").get("givenName").asText()).isEqualTo("Barbara");
    }

    @Test
    void apply_shouldKeepTheDocumentsKeySpelling_whenPathUsesAnotherCase() {
        // when
        ObjectNode result = patch(user(), """
                [{"op":"replace","path":"DISPLAYNAME","value":"Barbara"},
                 {"op":"replace","path":"Name.GIVENNAME","value":"B"},
                 {"op":"replace","path":"EMAILS[TYPE eq \\"WORK\\"].VALUE","value":"b@example.com"}]""");

        // then
        assertThat(result.get("displayName").asText()).isEqualTo("Barbara");
        assertThat(result.get("name").get("givenName").asText()).isEqualTo("B");
        assertThat(result.get("emails").get(0).get("value").asText()).isEqualTo("b@example.com");
        assertThat(result.properties().stream().map(java.util.Map.Entry::getKey))
                .doesNotContain("DISPLAYNAME", "Name", "EMAILS");
    }

    @Test
    void apply_shouldFailWithNoTarget_whenReplaceOrRemoveFilterMatchesNothing() {
        assertThatThrownBy(() -> patch(user(), """
                [{"op":"replace","path":"emails[type eq \\"other\\"].value","value":"x@y.z"}]"""))
                .isInstanceOf(ScimException.NoTarget.class)
                .hasMessage("No value matches the filter of path 'emails[type eq \"other\"].value'");
        assertThatThrownBy(() -> patch(user(), "[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"other\\\"]\"}]"))
                .isInstanceOf(ScimException.NoTarget.class);
        assertThatThrownBy(() -> patch(user(), "[{\"op\":\"remove\",\"path\":\"ims[type eq \\\"aim\\\"]\"}]"))
                .as("a filter on an attribute without values matches nothing").isInstanceOf(ScimException.NoTarget.class);
    }

    @Test
    void apply_shouldDoNothing_whenRemovingAnAttributeWithoutValue() {
        assertThat(patch(user(), "[{\"op\":\"remove\",\"path\":\"title\"}]")).isEqualTo(user());
    }

    @Test
    void apply_shouldRemoveSubAttributeOfMatchingEntries_whenRemoveFilterWithSubAttribute() {
        // when
        ObjectNode result = patch(user(), "[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"work\\\"].primary\"}]");

        // then
        assertThat(result.get("emails").get(0)).isEqualTo(json("{\"value\":\"bjensen@example.com\",\"type\":\"work\"}"));
        assertThat(result.get("emails").get(1)).isEqualTo(user().get("emails").get(1));
    }

    @Test
    void apply_shouldCreateTheEntry_whenAddWithEqualityFilterMatchesNothing() {
        // when: the form Entra ID sends for a new work phone
        ObjectNode result = patch(user(), """
                [{"op":"add","path":"phoneNumbers[type eq \\"work\\"].value","value":"+1 555 0100"}]""");

        // then
        assertThat(result.get("phoneNumbers")).isEqualTo(json("[{\"type\":\"work\",\"value\":\"+1 555 0100\"}]"));
    }

    @Test
    void apply_shouldClearPrimaryOnOtherEntries_whenAnEntryBecomesPrimary() {
        // when
        ObjectNode viaFilter = patch(user(), """
                [{"op":"replace","path":"emails[type eq \\"home\\"].primary","value":true}]""");
        ObjectNode viaAdd = patch(user(), """
                [{"op":"add","path":"emails","value":[{"value":"n@x.org","type":"other","primary":true}]}]""");

        // then
        assertThat(viaFilter.get("emails").get(0).get("primary").asBoolean()).isFalse();
        assertThat(viaFilter.get("emails").get(1).get("primary").asBoolean()).isTrue();
        assertThat(viaAdd.get("emails").get(0).get("primary").asBoolean()).isFalse();
        assertThat(viaAdd.get("emails").get(2).get("primary").asBoolean()).isTrue();
    }

    @Test
    void apply_shouldRejectWithMutability_whenTargetIsReadOnly() {
        assertThatThrownBy(() -> patch(user(), "[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"other\"}]"))
                .isInstanceOf(ScimException.Mutability.class)
                .hasMessage("'id' is readOnly and cannot be changed by PATCH");
        assertThatThrownBy(() -> patch(user(), "[{\"op\":\"remove\",\"path\":\"meta.created\"}]"))
                .isInstanceOf(ScimException.Mutability.class);
        assertThatThrownBy(() -> patch(user(), "[{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"g1\"}]}]"))
                .isInstanceOf(ScimException.Mutability.class)
                .hasMessage("'groups' is readOnly and cannot be changed by PATCH; change group membership through "
                        + "/Groups");
        assertThatThrownBy(() -> patch(user(), "[{\"op\":\"replace\",\"value\":{\"id\":\"other\"}}]"))
                .isInstanceOf(ScimException.Mutability.class);
        // echoing the current id in a path-less replace changes nothing and is accepted
        assertThat(patch(user(), "[{\"op\":\"replace\",\"value\":{\"id\":\"2819c223\",\"title\":\"T\"}}]")
                .get("title").asText()).isEqualTo("T");
    }

    @Test
    void apply_shouldRejectWithInvalidValue_whenValueHasTheWrongType() {
        assertThatThrownBy(() -> patch(user(), "[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"False\"}]"))
                .isInstanceOf(ScimException.InvalidValue.class)
                .hasMessage("'active' must be a boolean, not a string");
        assertThatThrownBy(() -> patch(user(), "[{\"op\":\"add\",\"value\":{\"name\":\"Barbara\"}}]"))
                .isInstanceOf(ScimException.InvalidValue.class)
                .hasMessage("'name' must be an object of sub-attributes, not a string");
        assertThatThrownBy(() -> patch(user(), "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":1}]}]"))
                .isInstanceOf(ScimException.InvalidValue.class)
                .hasMessage("'emails.value' must be a string, not a number");
        assertThatThrownBy(() -> patch(user(), "[{\"op\":\"replace\",\"path\":\"" + ENTERPRISE
                + ":employeeNumber\",\"value\":701984}]"))
                .isInstanceOf(ScimException.InvalidValue.class)
                .hasMessage("'" + ENTERPRISE + ":employeeNumber' must be a string, not a number");
        assertThatThrownBy(() -> patch(user(), "[{\"op\":\"remove\",\"path\":\"userName\"}]"))
                .isInstanceOf(ScimException.InvalidValue.class)
                .hasMessage("'userName' is required and cannot be removed; replace it with a new value instead");
    }

    @Test
    void apply_shouldCreateAndMergeExtensionObjects_whenPathlessValueHasUrnKeys() {
        // when
        ObjectNode first = patch(user(), """
                [{"op":"add","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                     {"employeeNumber":"701984","manager":{"value":"26118915"}},
                   "urn:okta:app:custom:1.0:user:custom":{"favouriteColour":"Blue"}}}]""");
        ObjectNode second = patch(first, """
                [{"op":"replace","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                     {"department":"Tour Operations"}}},
                 {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter",
                  "value":"4130"},
                 {"op":"add","path":"urn:okta:app:custom:1.0:user:custom:level","value":7}]""");

        // then
        assertThat(first.get(ENTERPRISE)).isEqualTo(json("{\"employeeNumber\":\"701984\",\"manager\":{\"value\":\"26118915\"}}"));
        assertThat(second.get(ENTERPRISE)).isEqualTo(json("{\"employeeNumber\":\"701984\",\"manager\":{\"value\":"
                + "\"26118915\"},\"department\":\"Tour Operations\",\"costCenter\":\"4130\"}"));
        assertThat(second.get("urn:okta:app:custom:1.0:user:custom"))
                .isEqualTo(json("{\"favouriteColour\":\"Blue\",\"level\":7}"));
    }

    @Test
    void apply_shouldRemoveTheExtensionObject_whenPathIsTheExtensionUrn() {
        // given
        ObjectNode doc = patch(user(), "[{\"op\":\"add\",\"path\":\"" + ENTERPRISE + ":department\",\"value\":\"X\"}]");

        // when
        ObjectNode result = patch(doc, "[{\"op\":\"remove\",\"path\":\"" + ENTERPRISE + "\"}]");

        // then
        assertThat(doc.get(ENTERPRISE).get("department").asText()).isEqualTo("X");
        assertThat(result.has(ENTERPRISE)).isFalse();
    }

    @Test
    void apply_shouldAcceptPathKeysAndNullValues_whenPathlessReplaceAsEntraSends() {
        // when
        ObjectNode result = patch(user(), """
                [{"op":"replace","value":{"name.givenName":"Babs","displayName":null,
                   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"Tours"}}]""");

        // then
        assertThat(result.get("name").get("givenName").asText()).isEqualTo("Babs");
        assertThat(result.has("displayName")).as("null unassigns (RFC 7643 §2.5)").isFalse();
        assertThat(result.get(ENTERPRISE).get("department").asText()).isEqualTo("Tours");
    }

    @Test
    void apply_shouldRejectFilterOnSingleValuedAttribute_withInvalidPath() {
        assertThatThrownBy(() -> patch(user(), "[{\"op\":\"replace\",\"path\":\"name[givenName eq \\\"x\\\"]\","
                + "\"value\":{}}]"))
                .isInstanceOf(ScimException.InvalidPath.class);
    }

    @Test
    void apply_shouldDiscardWriteOnlyPassword_whenClientSendsOne() {
        // when
        ObjectNode result = patch(user(), """
                [{"op":"replace","path":"password","value":"t1meMa$heen"},
                 {"op":"add","value":{"password":"other","title":"Guide"}}]""");

        // then
        assertThat(result.has("password")).isFalse();
        assertThat(result.get("title").asText()).isEqualTo("Guide");
    }

    @Test
    void apply_shouldUnassignTheExtensionAndItsSchemasEntry_whenItsLastAttributeIsRemoved() {
        // given
        ObjectNode doc = user();
        doc.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        ObjectNode withExtension = patch(doc, "[{\"op\":\"add\",\"path\":\"" + ENTERPRISE
                + ":department\",\"value\":\"X\"}]");

        // when
        ObjectNode result = patch(withExtension, "[{\"op\":\"remove\",\"path\":\"" + ENTERPRISE + ":department\"}]");

        // then
        assertThat(withExtension.get("schemas")).isEqualTo(json("[\"urn:ietf:params:scim:schemas:core:2.0:User\",\""
                + ENTERPRISE + "\"]"));
        assertThat(result.has(ENTERPRISE)).isFalse();
        assertThat(result.get("schemas")).isEqualTo(json("[\"urn:ietf:params:scim:schemas:core:2.0:User\"]"));
    }

    @Test
    void apply_shouldAskForAFilter_whenSettingASubAttributeOfAMultiValuedAttribute() {
        assertThatThrownBy(() -> patch(user(), "[{\"op\":\"replace\",\"path\":\"emails.value\",\"value\":\"x@y.z\"}]"))
                .isInstanceOf(ScimException.InvalidPath.class)
                .hasMessage("Invalid path 'emails.value': 'emails' is multi-valued; select the values with a filter, "
                        + "e.g. emails[type eq \"work\"].value");
        assertThatThrownBy(() -> patch(user(), "[{\"op\":\"add\",\"path\":\"ims.value\",\"value\":\"x\"}]"))
                .isInstanceOf(ScimException.InvalidPath.class);
    }

    @Test
    void apply_shouldRejectChangingAnImmutableSubAttribute_whenItAlreadyHasAValue() {
        // given: members' sub-attributes are immutable in the Group schema
        ObjectNode group = (ObjectNode) json("{\"displayName\":\"G\",\"members\":[{\"value\":\"u1\"}]}");

        // when
        ObjectNode displayAdded = PatchEngine.apply(group, operations(
                "[{\"op\":\"add\",\"path\":\"members[value eq \\\"u1\\\"].display\",\"value\":\"a@x\"}]"),
                ResourceType.GROUP);

        // then
        assertThat(displayAdded.get("members")).isEqualTo(json("[{\"value\":\"u1\",\"display\":\"a@x\"}]"));
        assertThatThrownBy(() -> PatchEngine.apply(group, operations(
                "[{\"op\":\"replace\",\"path\":\"members[value eq \\\"u1\\\"].value\",\"value\":\"u9\"}]"),
                ResourceType.GROUP))
                .isInstanceOf(ScimException.Mutability.class)
                .hasMessage("'members[value eq \"u1\"].value' is immutable: it was set once and cannot be changed");
    }
}
