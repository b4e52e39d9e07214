package dev.scim.core.patch;

import static dev.scim.core.patch.PatchEngineTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.scim.core.error.ScimException;
import dev.scim.core.filter.AttributePath;
import dev.scim.core.filter.CompareOp;
import dev.scim.core.filter.Filter;
import dev.scim.core.model.ResourceType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialResourcePatchTest {

    private static PatchPath membersWithValue(String id) {
        return new PatchPath(AttributePath.of("members"),
                new Filter.Compare(AttributePath.of("value"), CompareOp.EQ, TextNode.valueOf(id)), null);
    }

    @Test
    void toOperations_shouldReplaceActiveOnly_whenOktaDeactivatesAUser() {
        // given: Okta's SCIM 1.1 deactivation body
        var body = json("{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"id\":\"2819c223\",\"active\":false}");

        // when
        List<PatchOperation> ops = PartialResourcePatch.toOperations(body, ResourceType.USER);

        // then
        assertThat(ops).containsExactly(
                new PatchOperation.Replace(PatchPath.of(AttributePath.of("active")), BooleanNode.FALSE));
        ObjectNode user = (ObjectNode) json("{\"id\":\"2819c223\",\"userName\":\"bjensen\",\"active\":true}");
        assertThat(PatchEngine.apply(user, ops, ResourceType.USER))
                .isEqualTo(json("{\"id\":\"2819c223\",\"userName\":\"bjensen\",\"active\":false}"));
    }

    @Test
    void toOperations_shouldAddAndRemoveMembers_whenOktaPushesMembershipChanges() {
        // given
        var body = json("""
                {"schemas":["urn:scim:schemas:core:1.0"],
                 "members":[{"value":"u1","display":"a@x"},{"value":"u2","display":"b@x","operation":"delete"}]}""");

        // when
        List<PatchOperation> ops = PartialResourcePatch.toOperations(body, ResourceType.GROUP);

        // then
        assertThat(ops).containsExactly(
                new PatchOperation.Add(PatchPath.of(AttributePath.of("members")),
                        json("{\"value\":\"u1\",\"display\":\"a@x\"}")),
                new PatchOperation.Remove(membersWithValue("u2")));
        ObjectNode group = (ObjectNode) json("{\"displayName\":\"G\",\"members\":[{\"value\":\"u2\"}]}");
        assertThat(PatchEngine.apply(group, ops, ResourceType.GROUP))
                .isEqualTo(json("{\"displayName\":\"G\",\"members\":[{\"value\":\"u1\",\"display\":\"a@x\"}]}"));
    }

    @Test
    void toOperations_shouldClearFirstThenSet_whenFullPushUsesMetaAttributes() {
        // given: a full group push: clear members, then send the complete list and the name
        var body = json("""
                {"schemas":["urn:scim:schemas:core:1.0"],"id":"g1","displayName":"Tour Guides",
                 "meta":{"attributes":["members","urn:okta:custom:group:1.0:description"]},
                 "members":[{"value":"u3","display":"c@x"},{"value":"u4","display":"d@x"}],
                 "urn:okta:custom:group:1.0":{"description":"Guides"}}""");

        // when
        List<PatchOperation> ops = PartialResourcePatch.toOperations(body, ResourceType.GROUP);

        // then
        assertThat(ops).containsExactly(
                new PatchOperation.Remove(PatchPath.of(AttributePath.of("members"))),
                new PatchOperation.Remove(PatchPath.of(
                        new AttributePath("urn:okta:custom:group:1.0", "description", null))),
                new PatchOperation.Replace(PatchPath.of(AttributePath.of("displayName")),
                        TextNode.valueOf("Tour Guides")),
                new PatchOperation.Add(PatchPath.of(AttributePath.of("members")),
                        json("{\"value\":\"u3\",\"display\":\"c@x\"}")),
                new PatchOperation.Add(PatchPath.of(AttributePath.of("members")),
                        json("{\"value\":\"u4\",\"display\":\"d@x\"}")),
                new PatchOperation.Add(PatchPath.of(new AttributePath(null, "urn:okta:custom:group:1.0", null)),
                        json("{\"description\":\"Guides\"}")));
        ObjectNode group = (ObjectNode) json("""
                {"displayName":"Old","members":[{"value":"u1"}],"urn:okta:custom:group:1.0":{"description":"x"}}""");
        assertThat(PatchEngine.apply(group, ops, ResourceType.GROUP)).isEqualTo(json("""
                {"displayName":"Tour Guides","urn:okta:custom:group:1.0":{"description":"Guides"},
                 "members":[{"value":"u3","display":"c@x"},{"value":"u4","display":"d@x"}]}"""));
    }

    @Test
    void toOperations_shouldMergeComplexAndExtensionObjects_whenUserProfileChanges() {
        // given
        var body = json("""
                {"schemas":["urn:scim:schemas:core:1.0"],"name":{"givenName":"Babs"},
                 "emails":[{"value":"b@x.org","type":"work","primary":true}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Tours"}}""");
        ObjectNode user = (ObjectNode) json("""
                {"userName":"bjensen","name":{"givenName":"Barbara","familyName":"Jensen"},
                 "emails":[{"value":"old@x.org","type":"home","primary":true}]}""");

        // when
        ObjectNode result = PatchEngine.apply(user, PartialResourcePatch.toOperations(body, ResourceType.USER),
                ResourceType.USER);

        // then
        assertThat(result).isEqualTo(json("""
                {"userName":"bjensen","name":{"givenName":"Babs","familyName":"Jensen"},
                 "emails":[{"value":"old@x.org","type":"home","primary":false},
                           {"value":"b@x.org","type":"work","primary":true}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Tours"}}"""));
    }

    @Test
    void toOperations_shouldRejectWithClearDetail_whenBodyIsMalformed() {
        assertThatThrownBy(() -> PartialResourcePatch.toOperations(json("[1]"), ResourceType.USER))
                .isInstanceOf(ScimException.InvalidSyntax.class)
                .hasMessageStartingWith("A SCIM 1.1 PATCH body must be a JSON object");
        assertThatThrownBy(() -> PartialResourcePatch.toOperations(json("{\"meta\":{\"attributes\":\"members\"}}"),
                ResourceType.GROUP))
                .isInstanceOf(ScimException.InvalidSyntax.class)
                .hasMessage("'meta.attributes' must be an array of attribute names to clear, e.g. "
                        + "[\"members\", \"name.givenName\"]");
        assertThatThrownBy(() -> PartialResourcePatch.toOperations(json("{\"meta\":{\"attributes\":[1]}}"),
                ResourceType.GROUP))
                .isInstanceOf(ScimException.InvalidSyntax.class)
                .hasMessage("'meta.attributes' must contain only attribute names (strings), found number");
        assertThatThrownBy(() -> PartialResourcePatch.toOperations(
                json("{\"members\":[\"u1\",{\"value\":\"u2\",\"operation\":\"delete\"}]}"), ResourceType.GROUP))
                .isInstanceOf(ScimException.InvalidValue.class)
                .hasMessage("'members': when entries use \"operation\", every entry must be an object such as "
                        + "{\"value\":\"2819c223\",\"operation\":\"delete\"}");
        assertThatThrownBy(() -> PartialResourcePatch.toOperations(
                json("{\"members\":[{\"display\":\"x\",\"operation\":\"delete\"}]}"), ResourceType.GROUP))
                .isInstanceOf(ScimException.InvalidValue.class)
                .hasMessageStartingWith("'members': an entry with \"operation\":\"delete\" needs the \"value\"");
        assertThatThrownBy(() -> PartialResourcePatch.toOperations(
                json("{\"members\":[{\"value\":\"u1\",\"operation\":\"add\"}]}"), ResourceType.GROUP))
                .isInstanceOf(ScimException.InvalidValue.class)
                .hasMessage("'members': unsupported operation \"add\"; SCIM 1.1 PATCH only defines "
                        + "\"operation\":\"delete\"");
    }
}
