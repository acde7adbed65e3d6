package org.classsr.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * The record beside a finished shard ({@code shard-NNNNN.json}), written after the shard itself:
 * what it was made from (settings key, images) and what it holds. A rerun skips a shard whose
 * record matches its plan, and takes the image sizes and failures from here.
 */
public record ShardDone(String key, int firstIndex, List<String> paths, ShardGroup.Result result) {

    static final ObjectMapper JSON = new ObjectMapper();

    byte[] json() throws IOException {
        return JSON.writeValueAsBytes(this);
    }

    static ShardDone parse(byte[] json) throws IOException {
        return JSON.readValue(json, ShardDone.class);
    }

    boolean matches(String settingsKey, ShardPlan plan) {
        return key.equals(settingsKey) && firstIndex == plan.firstIndex() && paths.equals(plan.paths());
    }
}
