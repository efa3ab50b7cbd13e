package io.gvc.eval;

import java.util.Map;

/** How a sweep was run, printed at the top of the report and results.json: the exact command and versions. */
public record RunInfo(String commandLine, Map<String, String> versions, Map<String, Object> settings) {
}
