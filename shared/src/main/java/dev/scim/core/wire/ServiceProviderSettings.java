package dev.scim.core.wire;

/** What /ServiceProviderConfig(s) advertises, derived from {@code Config} so the document cannot drift. */
public record ServiceProviderSettings(String baseUrl, int maxPageSize, int filterMaxResults) {}
