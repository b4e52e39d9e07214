package dev.scim.core.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Counts SDK calls per operation name (GetItem, Query, TransactWriteItems, ...), so tests and benchmarks can report
 * how many reads and writes each SCIM operation costs. Retries of one call count once.
 */
public final class DynamoDbCallCounter implements ExecutionInterceptor {
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
    }

    /** A DynamoDB client on the emulator that reports to this counter. */
    public DynamoDbClient client() {
        var b = DynamoDbClient.builder().region(Emulator.clients().region())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing")))
                .endpointOverride(Emulator.endpoint())
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(this));
        return b.build();
    }

    public void reset() { calls.clear(); }

    /** Calls per operation name since the last reset, sorted by name. */
    public Map<String, Integer> snapshot() {
        Map<String, Integer> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
