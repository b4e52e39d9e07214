package dev.scim.cli;

/** The conversation on the embedded store, as ./scim local runs by default. */
class OktaGroupConversationEmbeddedTest extends OktaGroupConversation {
    @Override
    LocalApiFixture newFixture() { return LocalApiFixture.embedded(); }
}
