package dev.scim.core.model;

/** The SCIM resource types this service serves, with their endpoint names (RFC 7644 §3.2). */
public enum ResourceType {
    USER("User", "/Users"),
    GROUP("Group", "/Groups");

    private final String scimName;
    private final String endpoint;

    ResourceType(String scimName, String endpoint) {
        this.scimName = scimName;
        this.endpoint = endpoint;
    }

    public String scimName() { return scimName; }

    public String endpoint() { return endpoint; }
}
