package dev.scim.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.scim.core.log.JsonLog;
import dev.scim.core.wire.ScimOperations;
import dev.scim.core.wire.ScimRequest;
import dev.scim.core.wire.ScimResponse;
import java.util.Map;
import java.util.Objects;

/**
 * What every SCIM function does: proxy event → {@link ScimRequest} → one {@link ScimOperations} method →
 * proxy response. Each concrete handler only names its operation, so the 15 functions cannot drift apart.
 * Stateless apart from the operations it was given, so one instance may serve concurrent requests
 * ({@code ./scim local} does that).
 */
public abstract class ScimFunction
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    /** One SCIM operation, e.g. {@code ScimOperations::createUser}. */
    @FunctionalInterface
    public interface Operation {
        ScimResponse apply(ScimOperations operations, ScimRequest request);
    }

    private final ScimOperations operations;
    private final Operation operation;

    protected ScimFunction(ScimOperations operations, Operation operation) {
        this.operations = Objects.requireNonNull(operations, "operations");
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    @Override
    public final APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        ScimRequest request = ApiGatewayAdapter.toScimRequest(event, context);
        try {
            return ApiGatewayAdapter.toProxyResponse(operation.apply(operations, request));
        } catch (RuntimeException bug) {
            // The core promises never to throw; if it does anyway, answer like API Gateway's DEFAULT_5XX response
            // (request id only) and log the exception type alone: its message might quote client data.
            JsonLog.stdout().error("unhandled", Map.of("function", getClass().getSimpleName(),
                    "requestId", request.requestId(), "exception", bug.getClass().getName()));
            return ApiGatewayAdapter.toProxyResponse(ErrorBodies.internalError(request.requestId()));
        }
    }
}
