package dev.scim.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scim.core.log.JsonLog;
import java.io.OutputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Prints how long rejections take when a presented token differs early vs late, for a human to read; timing on a
 * shared machine is too noisy to assert on. Also runnable as a main.
 */
class DigestTimingBenchmarkTest {
    private static final int ROUNDS = 5;
    private static final int ITERATIONS = 20_000;

    @Test
    void benchmark_shouldPrintTimings_forEarlyAndLateMismatches() {
        String report = run();
        System.out.println(report);
        assertThat(report).contains("first secret char", "last secret char");
    }

    public static void main(String[] args) {
        System.out.println(run());
    }

    static String run() {
        var store = new InMemoryTokenStore();
        var admin = new TokenAdmin(store, Clock.systemUTC(), new SecureRandom(),
                new JsonLog(new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC()));
        String token = admin.create("bench").token();
        var verifier = new CachingTokenVerifier(store, Clock.systemUTC(), Duration.ofHours(1));
        int s = token.length() - ApiToken.SECRET_LENGTH;
        String early = token.substring(0, s) + flip(token.charAt(s)) + token.substring(s + 1);
        String late = token.substring(0, token.length() - 1) + flip(token.charAt(token.length() - 1));
        byte[] real = digest(token);
        byte[] earlyDigest = real.clone();
        earlyDigest[0] ^= 1;
        byte[] lateDigest = real.clone();
        lateDigest[31] ^= 1;

        StringBuilder out = new StringBuilder("token rejection timings, ns per call (median of " + ROUNDS + " rounds of "
                + ITERATIONS + ")\n");
        line(out, "verify, first secret char differs", () -> verifier.verify(early) instanceof Verification.Rejected);
        line(out, "verify, last secret char differs", () -> verifier.verify(late) instanceof Verification.Rejected);
        line(out, "isEqual, first digest byte differs",
                () -> CachingTokenVerifier.digestsMatch(real, earlyDigest));
        line(out, "isEqual, last digest byte differs",
                () -> CachingTokenVerifier.digestsMatch(real, lateDigest));
        String a = token;
        line(out, "String.equals (NOT used), first secret char differs", () -> a.equals(early));
        line(out, "String.equals (NOT used), last secret char differs", () -> a.equals(late));
        return out.toString();
    }

    private static void line(StringBuilder out, String label, Supplier<Boolean> call) {
        long[] rounds = new long[ROUNDS];
        boolean sink = false;
        for (int w = 0; w < ITERATIONS; w++) sink ^= call.get();
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < ITERATIONS; i++) sink ^= call.get();
            rounds[r] = (System.nanoTime() - t0) / ITERATIONS;
        }
        java.util.Arrays.sort(rounds);
        out.append(String.format("  %-55s %6d%s%n", label, rounds[ROUNDS / 2], sink ? "" : " "));
    }

    private static byte[] digest(String token) {
        return ((ApiToken.Parse.Parsed) ApiToken.parse(token)).token().digest();
    }

    private static char flip(char c) { return c == 'a' ? 'b' : 'a'; }
}
