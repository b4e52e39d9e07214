package dev.scim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamPolicyTest {
    private static final String ARN = "arn:aws:execute-api:us-east-1:000000000000:local/prod/GET/scim/v1/Users";

    private static Map<String, Object> policy(IamPolicyResponseV1.Statement... statements) {
        return IamPolicyResponseV1.builder().withPrincipalId("p")
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17).withStatement(List.of(statements)).build())
                .build().getPolicyDocument();
    }

    @Test
    void allows_shouldBeTrue_whenAllowCoversArnByWildcard() {
        assertThat(IamPolicy.allows(policy(IamPolicyResponseV1.allowStatement(
                "arn:aws:execute-api:us-east-1:000000000000:local/prod/*")), ARN)).isTrue();
    }

    @Test
    void allows_shouldBeFalse_whenAllowCoversAnotherRoute() {
        assertThat(IamPolicy.allows(policy(IamPolicyResponseV1.allowStatement(
                "arn:aws:execute-api:us-east-1:000000000000:local/prod/GET/scim/v1/Groups")), ARN)).isFalse();
    }

    @Test
    void allows_shouldBeFalse_whenExplicitDenyMatches() {
        assertThat(IamPolicy.allows(policy(IamPolicyResponseV1.allowStatement("*"),
                IamPolicyResponseV1.denyStatement(ARN)), ARN)).isFalse();
    }

    @Test
    void allows_shouldBeFalse_whenNoStatement() {
        assertThat(IamPolicy.allows(policy(), ARN)).isFalse();
        assertThat(IamPolicy.allows(null, ARN)).isFalse();
    }
}
