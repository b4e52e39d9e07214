package dev.scim.core.wire;

/**
 * Every SCIM operation the API serves, one method per Lambda function. Each method picks the dialect from the
 * request path ({@code /scim/v1}), runs the shared service, and renders success or failure on that dialect's
 * wire. None throws for anything a client sent: client errors become SCIM error responses, and unexpected
 * failures a 500 body carrying only the request id.
 */
public interface ScimOperations {
    ScimResponse listUsers(ScimRequest request);
    ScimResponse getUser(ScimRequest request);
    ScimResponse createUser(ScimRequest request);
    ScimResponse replaceUser(ScimRequest request);
    ScimResponse patchUser(ScimRequest request);
    ScimResponse deleteUser(ScimRequest request);

    ScimResponse listGroups(ScimRequest request);
    ScimResponse getGroup(ScimRequest request);
    ScimResponse createGroup(ScimRequest request);
    ScimResponse replaceGroup(ScimRequest request);
    ScimResponse patchGroup(ScimRequest request);
    ScimResponse deleteGroup(ScimRequest request);

    /** GET only; other methods answer 405. */
    ScimResponse serviceProviderConfig(ScimRequest request);
    /** GET only; other methods answer 405. */
    ScimResponse schemas(ScimRequest request);
    /** GET only; other methods answer 405. */
    ScimResponse resourceTypes(ScimRequest request);
}
