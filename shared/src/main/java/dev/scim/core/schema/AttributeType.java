package dev.scim.core.schema;

/** SCIM attribute data types (RFC 7643 §2.3), with the wire name used in /Schemas. */
public enum AttributeType {
    STRING("string"), BOOLEAN("boolean"), DECIMAL("decimal"), INTEGER("integer"),
    DATE_TIME("dateTime"), BINARY("binary"), REFERENCE("reference"), COMPLEX("complex");

    private final String wireName;

    AttributeType(String wireName) { this.wireName = wireName; }

    public String wireName() { return wireName; }
}
