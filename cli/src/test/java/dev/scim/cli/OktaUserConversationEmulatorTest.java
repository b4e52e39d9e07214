package dev.scim.cli;

/** The conversation on the DynamoDB and Secrets Manager on the emulator. */
class OktaUserConversationEmulatorTest extends OktaUserConversation {
    @Override
    LocalApiFixture newFixture() { return LocalApiFixture.onEmulator(java.time.Clock.systemUTC()); }
}
