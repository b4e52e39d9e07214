package dev.scim.core.schema;

import static dev.scim.core.schema.AttributeDefinition.complex;
import static dev.scim.core.schema.AttributeDefinition.of;
import static dev.scim.core.schema.AttributeDefinition.string;

import dev.scim.core.model.ResourceType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The schemas this service knows, in canonical SCIM 2.0 naming (RFC 7643 §4, §8.7.1). The SCIM 1.1 dialect maps
 * its URNs onto these on the way in and back on the way out, so every rule below is written once.
 * Attributes of unknown extensions (e.g. {@code urn:okta:...:custom}) are not described here: they are kept
 * and returned as sent.
 */
public final class CoreSchemas {
    public static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String ENTERPRISE_USER_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static AttributeDefinition multiComplex(String name, AttributeDefinition... subs) {
        return complex(name, subs).multi().build();
    }

    private static AttributeDefinition[] valueTypePrimary(AttributeType valueType) {
        return new AttributeDefinition[] {
            of("value", valueType).build(),
            string("display").build(),
            string("type").build(),
            of("primary", AttributeType.BOOLEAN).build()
        };
    }

    public static final ResourceSchema USER = new ResourceSchema(USER_URN, "User", "User Account", List.of(
            string("userName").required().uniqueness("server")
                    .description("Unique identifier for the User; unique per tenant, compared case-insensitively.")
                    .build(),
            complex("name",
                    string("formatted").build(), string("familyName").build(), string("givenName").build(),
                    string("middleName").build(), string("honorificPrefix").build(),
                    string("honorificSuffix").build()).build(),
            string("displayName").build(),
            string("nickName").build(),
            of("profileUrl", AttributeType.REFERENCE).build(),
            string("title").build(),
            string("userType").build(),
            string("preferredLanguage").build(),
            string("locale").build(),
            string("timezone").build(),
            of("active", AttributeType.BOOLEAN).build(),
            string("password").mutability(Mutability.WRITE_ONLY).returned("never")
                    .description("Accepted and discarded: this service never stores a password.").build(),
            multiComplex("emails", valueTypePrimary(AttributeType.STRING)),
            multiComplex("phoneNumbers", valueTypePrimary(AttributeType.STRING)),
            multiComplex("ims", valueTypePrimary(AttributeType.STRING)),
            multiComplex("photos", valueTypePrimary(AttributeType.REFERENCE)),
            multiComplex("addresses",
                    string("formatted").build(), string("streetAddress").build(), string("locality").build(),
                    string("region").build(), string("postalCode").build(), string("country").build(),
                    string("type").build(), of("primary", AttributeType.BOOLEAN).build()),
            complex("groups",
                    string("value").mutability(Mutability.READ_ONLY).build(),
                    of("$ref", AttributeType.REFERENCE).mutability(Mutability.READ_ONLY).build(),
                    string("display").mutability(Mutability.READ_ONLY).build(),
                    string("type").mutability(Mutability.READ_ONLY).build())
                    .multi().mutability(Mutability.READ_ONLY)
                    .description("Groups the user belongs to; managed through /Groups.").build(),
            multiComplex("entitlements", valueTypePrimary(AttributeType.STRING)),
            multiComplex("roles", valueTypePrimary(AttributeType.STRING)),
            multiComplex("x509Certificates", valueTypePrimary(AttributeType.BINARY))));

    public static final ResourceSchema ENTERPRISE_USER = new ResourceSchema(ENTERPRISE_USER_URN, "EnterpriseUser",
            "Enterprise User", List.of(
                    string("employeeNumber").build(),
                    string("costCenter").build(),
                    string("organization").build(),
                    string("division").build(),
                    string("department").build(),
                    complex("manager",
                            string("value").build(),
                            of("$ref", AttributeType.REFERENCE).build(),
                            string("displayName").mutability(Mutability.READ_ONLY).build()).build()));

    public static final ResourceSchema GROUP = new ResourceSchema(GROUP_URN, "Group", "Group", List.of(
            string("displayName").required().uniqueness("server")
                    .description("Name of the group; unique per tenant, compared case-insensitively.").build(),
            complex("members",
                    string("value").mutability(Mutability.IMMUTABLE).build(),
                    of("$ref", AttributeType.REFERENCE).mutability(Mutability.IMMUTABLE).build(),
                    string("display").mutability(Mutability.IMMUTABLE).build(),
                    string("type").mutability(Mutability.IMMUTABLE).build()).multi()
                    .description("Members of the group; only users are supported.").build()));

    /** Attributes every resource has (RFC 7643 §3.1), outside any schema's attribute list. */
    public static final List<AttributeDefinition> COMMON = List.of(
            string("id").caseExact().mutability(Mutability.READ_ONLY).returned("always").uniqueness("server").build(),
            string("externalId").caseExact().build());

    private CoreSchemas() {}

    public static ResourceSchema core(ResourceType type) {
        return type == ResourceType.USER ? USER : GROUP;
    }

    public static List<ResourceSchema> extensions(ResourceType type) {
        return type == ResourceType.USER ? List.of(ENTERPRISE_USER) : List.of();
    }

    /**
     * Finds a top-level attribute of a resource type: a core attribute by bare name, a common attribute, or an
     * extension attribute given its schema URN. Empty for attributes of unknown extensions.
     */
    public static Optional<AttributeDefinition> find(ResourceType type, String schemaUrn, String attrName) {
        if (schemaUrn == null || schemaUrn.equalsIgnoreCase(core(type).id())) {
            String lower = attrName.toLowerCase(Locale.ROOT);
            Optional<AttributeDefinition> common = COMMON.stream()
                    .filter(a -> a.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
            return common.isPresent() ? common : core(type).attribute(attrName);
        }
        return extensions(type).stream().filter(s -> s.id().equalsIgnoreCase(schemaUrn)).findFirst()
                .flatMap(s -> s.attribute(attrName));
    }
}
