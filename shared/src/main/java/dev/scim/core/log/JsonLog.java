package dev.scim.core.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scim.core.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * Structured logging: one JSON object per line on stdout, which Lambda ships to CloudWatch Logs where Logs
 * Insights can query the fields. Hand-written on the shared ObjectMapper instead of a logging framework, to keep
 * the cold start small. Callers pass only safe fields: never a body, token, hash or password.
 */
public final class JsonLog {
    private static final JsonLog STDOUT = new JsonLog(System.out, Clock.systemUTC());

    private final PrintStream out;
    private final Clock clock;

    public JsonLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public static JsonLog stdout() { return STDOUT; }

    /**
     * Writes {@code {"time":…,"level":…,"event":…, fields…}}. Null field values are left out. Values are written
     * as JSON strings, numbers or booleans.
     */
    public void log(String level, String event, Map<String, ?> fields) {
        ObjectNode line = Json.object();
        line.put("time", clock.instant().toString());
        line.put("level", level);
        line.put("event", event);
        fields.forEach((k, v) -> {
            if (v == null) return;
            if (v instanceof Number n) line.put(k, n.longValue());
            else if (v instanceof Boolean b) line.put(k, b);
            else line.put(k, v.toString());
        });
        String text = Json.write(line);
        synchronized (out) {
            out.println(text);
        }
    }

    public void info(String event, Map<String, ?> fields) { log("INFO", event, fields); }

    public void warn(String event, Map<String, ?> fields) { log("WARN", event, fields); }

    public void error(String event, Map<String, ?> fields) { log("ERROR", event, fields); }
}
