package dev.scim.core.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.model.ResourceType;
import dev.scim.core.patch.PatchOperation;
import java.util.List;

/**
 * How one SCIM version reads and writes the wire: schema URNs, list and error envelopes, PATCH forms, media type.
 * Everything behind it (services, stores, rules) is shared, and sees only the canonical model: SCIM 2.0 attribute
 * naming with extension objects keyed by their 2.0 URNs.
 */
public interface ScimDialect {

    /** The path prefix this dialect serves, e.g. {@code /scim/v1}. */
    String prefix();

    /** Response media type. */
    String contentType();

    /** Reads a resource body (POST, PUT) into canonical attributes; bad JSON or shape → InvalidSyntax. */
    ObjectNode readResource(String body, ResourceType type);

    /** Reads a PATCH body into shared-model operations. */
    List<PatchOperation> readPatch(String body, ResourceType type);

    /** Writes one canonical resource view ({@link ResourceViews}) in this dialect's naming. */
    ObjectNode writeResource(ObjectNode canonical, ResourceType type);

    /** A list response envelope around already written resources. */
    ObjectNode writeList(List<ObjectNode> resources, long totalResults, int startIndex);

    /** An error body. */
    ObjectNode writeError(ScimError error);

    /** The service provider configuration document ({@code /ServiceProviderConfig(s)}). */
    ObjectNode writeServiceProviderConfig(ServiceProviderSettings settings);

    /** The schema documents, as a list response. */
    ObjectNode writeSchemas(String baseUrl);

    /** The resource types, as a list response. */
    ObjectNode writeResourceTypes(String baseUrl);
}
